package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * --pause and --resume with real daemons: the node in flight finishes, no other starts while
 * paused, the status says who paused it; --resume goes on to the end, each node rebooted once.
 */
class PauseResumeIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenAPauseMidRun_theNodeInFlightFinishes_noOtherStarts_andAResumeGoesOn() throws Exception {
        cluster = E2eCluster.create("pause", LocalCluster.Options.defaults().withNodes(3));
        cluster.startDaemons();
        CliResult nothing = cluster.cli("node-b", "--resume");
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.err().strip()).isEqualTo("distreboot: no distributed reboot of cluster pause is in"
                + " progress: nothing to resume");

        assertThat(cluster.cli("node-a", "--reboot").exitCode()).isZero();
        CliResult pause = cluster.cli("node-b", "--pause");
        assertThat(pause.exitCode()).as(pause.toString()).isZero();
        assertThat(pause.out()).startsWith("pause requested: no further node of cluster pause starts until"
                + " distreboot --resume");
        JsonNode paused = cluster.awaitStatus(s -> s.path("reboot").path("pausedBy").isTextual()
                && s.path("reboot").path("current").isNull()
                && s.path("reboot").path("waitingFor").asText().startsWith("--resume"), PATIENCE);
        int rebooted = cluster.rebootOrder().size();
        assertThat(rebooted).as("the node in flight when paused, if any").isLessThanOrEqualTo(1);
        assertThat(paused.path("reboot").path("done").size()).isEqualTo(rebooted);
        Thread.sleep(3000);
        assertThat(cluster.rebootOrder()).as("nothing more while paused").hasSize(rebooted);
        CliResult status = cluster.cli("node-c");
        assertThat(status.out()).contains("  PAUSED:      by ", "; no further node starts until distreboot --resume");
        assertThat(cluster.cli("node-c", "--pause").out()).contains("is paused already, by ");

        CliResult resume = cluster.cli("node-c", "--resume");
        assertThat(resume.exitCode()).as(resume.toString()).isZero();
        JsonNode end = cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);

        assertThat(end.path("reboot").path("done").size()).isEqualTo(3);
        assertThat(end.path("reboot").path("pausedBy").isNull()).isTrue();
        List<String> order = cluster.rebootOrder();
        assertThat(order).containsExactlyInAnyOrder("node-a", "node-b", "node-c");
        CliResult again = cluster.cli("node-c", "--resume");
        assertThat(again.exitCode()).isEqualTo(1);
    }
}
