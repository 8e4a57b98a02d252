package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.distreboot.workflow.TaskQueues;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Command output kept with real daemons: what draincmd, rebootcmd and healthcmd printed on a node
 * during its turn is in `distreboot --log NODE` (text and --json) and in that node's rejoin step's
 * result in the history, with a token it printed masked everywhere.
 */
class CommandOutputIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String TOKEN = "T0KEN-abc123";
    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenARun_eachNodesCommandsAreKept_shownByLogAndInItsRejoinStep_withSecretsMasked() throws Exception {
        cluster = E2eCluster.create("kept", LocalCluster.Options.defaults());
        // node-a is not the master: its draincmd has nothing to hand over, only something to say.
        cluster.setProperties("node-a", Map.of("draincmd",
                "echo 'draining node-a: 3 connections left'; echo 'api_token=" + TOKEN + "'; echo 'drained'"));
        cluster.startDaemons();

        assertThat(cluster.cli("node-a", "--reboot").exitCode()).isZero();
        cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);

        CliResult log = cluster.cli("node-c", "--log", "node-a");
        assertThat(log.exitCode()).as(log.toString()).isZero();
        assertThat(log.out()).startsWith("node-a: 3 command runs since the run started ")
                .containsPattern("  DrainAndReboot  draincmd  exit 0  \\S+  boot node-a-first-boot\n"
                        + "  \\| draining node-a: 3 connections left\n  \\| api_token=\\*\\*\\*\\*\n  \\| drained\n")
                .containsPattern("  DrainAndReboot  rebootcmd  exit 0  \\S+  boot node-a-first-boot\n")
                .containsPattern("  Rejoin  healthcmd  exit 0  \\S+  boot \\S+\n  \\(no output\\)")
                .doesNotContain(TOKEN);

        JsonNode json = JSON.readTree(cluster.cli("node-a", "--log", "node-a", "--json").out());
        assertThat(json.path("node").asText()).isEqualTo("node-a");
        assertThat(E2eCluster.stream(json.path("commands")).map(c -> c.path("command").asText()).toList())
                .containsExactly("draincmd", "rebootcmd", "healthcmd");
        assertThat(json.path("commands").get(0).path("workflowId").asText())
                .isEqualTo(TaskQueues.workflowId("kept"));

        // The UI's view: node-a's rejoin step tells its turn's commands in its result.
        List<HistoryEvent> events = cluster.temporalClient().fetchHistory(TaskQueues.workflowId("kept")).getEvents();
        String rejoins = events.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
                .map(e -> e.getActivityTaskCompletedEventAttributes().getResult().getPayloads(0).getData()
                        .toStringUtf8())
                .filter(result -> result.contains("\"commands\"")).reduce("", String::concat);
        assertThat(rejoins).contains("draining node-a: 3 connections left", "api_token=****", "\"command\":\"healthcmd\"");
        assertThat(cluster.temporalClient().fetchHistory(TaskQueues.workflowId("kept")).toJson(false))
                .doesNotContain(TOKEN);
        cluster.saveHistory("compact-rejoin-tells-commands");

        CliResult unknown = cluster.cli("node-a", "--log", "node-z");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.errLines()).singleElement().asString()
                .isEqualTo("distreboot: unknown node 'node-z'; known nodes of cluster kept: node-a, node-b, node-c");
    }
}
