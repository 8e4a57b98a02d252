package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * blockcmd with real daemons: while a node's blockcmd says no, the run touches it not, says why
 * in the status, and goes on by itself once the command lets it.
 */
class BlockcmdIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenABlockedNode_theRunWaitsSayingWhy_andGoesOnOnceUnblocked() throws Exception {
        cluster = E2eCluster.create("blocked", LocalCluster.Options.defaults().withNodes(3).withMaster("node-c"));
        Path blocked = cluster.dir("node-b").resolve("maintenance");
        Files.writeString(blocked, "ticket 42\n");
        cluster.setProperties("node-b", Map.of("blockcmd",
                "test ! -f " + blocked + " || { echo \"maintenance: $(cat " + blocked + ")\"; exit 1; }"));
        cluster.startDaemons();

        assertThat(cluster.cli("node-a", "--reboot").exitCode()).isZero();
        JsonNode waiting = cluster.awaitStatus(s -> s.path("reboot").path("waitingFor").asText()
                .startsWith("blockcmd on node-b"), PATIENCE);
        assertThat(waiting.path("reboot").path("waitingFor").asText())
                .matches("blockcmd on node-b says: maintenance: ticket 42; it is run again in \\d+s");
        Thread.sleep(3000);
        assertThat(cluster.rebootOrder()).as("node-b untouched while blocked").containsExactly("node-a");

        Files.delete(blocked);
        cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);
        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-b", "node-c");
    }
}
