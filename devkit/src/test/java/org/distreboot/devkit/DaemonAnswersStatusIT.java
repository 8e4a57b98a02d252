package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.distreboot.client.RunDir;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * `distreboot` (status) with this node's daemon up is the daemon's answer, over its open
 * connections; with other settings than the daemon's it is the command's own. Both say the same.
 */
class DaemonAnswersStatusIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A setting status does not show: the command then reads other settings than its daemon. */
    private static final String OTHER_SETTINGS = "--set-property=heartbeat.purge=25h";
    /** Each test's cluster: its processes and files go when the test ends, however it ends. */
    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenDaemonUp_itAnswersStatus_sayingWhatTheCommandWouldSay_andKeepsItsRundir() throws Exception {
        cluster = E2eCluster.create("answers", LocalCluster.Options.defaults());
        cluster.startDaemons();
        long daemon = cluster.daemonPid("node-a").orElseThrow();
        // Two reports a moment apart agree once every daemon's heartbeat has told of a poll.
        cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes")).allMatch(n -> n.hasNonNull("polledAt")),
                Duration.ofSeconds(60));

        JsonNode byDaemon = json(cluster.cli("node-a", "--json"));
        JsonNode byCommand = json(cluster.cli("node-a", "--json", OTHER_SETTINGS));

        assertThat(byDaemon.path("answeredBy").asText()).isEqualTo("daemon");
        assertThat(byCommand.path("answeredBy").asText()).isEqualTo("command");
        for (JsonNode report : new JsonNode[] {byDaemon, byCommand}) {
            assertThat(report.path("cluster").asText()).isEqualTo("answers");
            assertThat(report.path("node").asText()).isEqualTo("node-a");
            assertThat(report.path("daemon").path("running").asBoolean()).isTrue();
            assertThat(report.path("daemon").path("pid").asLong()).isEqualTo(daemon);
            assertThat(report.path("reboot").path("state").asText()).isEqualTo("NONE");
        }
        assertThat(withoutTimes(byDaemon.path("nodes"))).isEqualTo(withoutTimes(byCommand.path("nodes")));

        CliResult text = cluster.cli("node-a");
        CliResult textByCommand = cluster.cli("node-a", OTHER_SETTINGS);
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(masked(text.out())).isEqualTo(masked(textByCommand.out()));
        assertThat(text.out()).contains("daemon: running (pid " + daemon + ")", "node-a", "node-b", "node-c");
        // The daemon answered from its own process: it still holds its rundir's lock.
        assertThat(RunDir.runningPid(cluster.dir("node-a").resolve("run"))).contains(daemon);
    }

    @Test
    void givenPostgresDown_theDaemonsAnswerIsTheCommandsOneLineAndExit3() throws Exception {
        cluster = E2eCluster.create("answers-down", LocalCluster.Options.defaults());
        cluster.startDaemons();
        cluster.postgres().stop();

        CliResult byDaemon = cluster.cli("node-a");
        CliResult byCommand = cluster.cli("node-a", OTHER_SETTINGS);

        assertThat(byDaemon.exitCode()).as(byDaemon.toString()).isEqualTo(3);
        assertThat(byDaemon.errLines()).singleElement().asString().startsWith("distreboot: PostgreSQL at ")
                .contains("unreachable");
        assertThat(byDaemon.errLines()).isEqualTo(byCommand.errLines());
        assertThat(byDaemon.out()).contains("daemon: running");
    }

    private static JsonNode json(CliResult result) throws Exception {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return JSON.readTree(result.out());
    }

    /** The node lines with what changes from one beat to the next left out. */
    private static String withoutTimes(JsonNode nodes) {
        StringBuilder lines = new StringBuilder();
        nodes.forEach(n -> lines.append(n.path("node").asText()).append(' ').append(n.path("stale").asBoolean())
                .append(' ').append(n.path("bootId").asText()).append(' ').append(n.path("role").asText()).append('\n'));
        return lines.toString();
    }

    /** Text output with its times and durations masked: two reports a moment apart agree on the rest. */
    private static String masked(String text) {
        return text.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\S+", "TIME").replaceAll("\\(.*?(ago|in \\S+)\\)", "(WHEN)")
                .replaceAll("polled \\S+ ago", "polled WHEN ago")
                .replaceAll(" +", " ");
    }
}
