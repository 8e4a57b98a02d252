package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * reboot.max-failed with real daemons: a node whose host never comes back fails once past
 * reboot.timeout, the run goes on without it and completes, and the status says which failed and why.
 */
class FailureBudgetIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenABudgetOfOne_aNodeThatNeverComesBackFails_andTheRunCompletesWithoutIt() throws Exception {
        cluster = E2eCluster.create("budget", LocalCluster.Options.defaults().withNodes(5).withMaster("node-e")
                .withRebootTimeout(Duration.ofSeconds(12)));
        Files.writeString(cluster.dir("node-b").resolve("never-returns"), "");
        cluster.setProperties("node-a", Map.of("reboot.max-failed", "1"));
        cluster.startDaemons();

        assertThat(cluster.cli("node-a", "--dry-run").out()).contains("up to 1 node(s) may fail to come back within"
                + " reboot.timeout, each left out, before the run stalls (reboot.max-failed)");
        assertThat(cluster.cli("node-a", "--reboot").exitCode()).isZero();
        JsonNode end = cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);

        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-b", "node-c", "node-d", "node-e");
        assertThat(E2eCluster.stream(end.path("reboot").path("failed")).map(JsonNode::asText))
                .containsExactly("node-b");
        assertThat(E2eCluster.stream(end.path("reboot").path("done")).map(JsonNode::asText))
                .containsExactly("node-a", "node-c", "node-d", "node-e");
        assertThat(end.path("reboot").path("notes").path("node-b").asText()).isEqualTo("node-b is not back after 12s"
                + " (no new boot with a passing healthcmd) (failed 1 of reboot.max-failed 1)");
        assertThat(cluster.cli("node-a").out()).contains("distributed reboot: COMPLETED, 4 of 5 done, FAILED: node-b",
                "  failed:      node-b: node-b is not back after 12s");
    }
}
