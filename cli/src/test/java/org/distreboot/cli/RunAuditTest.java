package org.distreboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RunAudit over recorded histories of the replay corpus: real runs, as Temporal stored them. */
class RunAuditTest {
    private static final Path HISTORIES = Path.of("..", "workflows", "src", "test", "resources", "histories");

    @Test
    void aRunThatCompleted_saysWhoStartedIt_andEachNodesBootsAndDowntime() throws IOException {
        RunAudit run = audit("kept", "compact-rejoin-tells-commands.json");

        assertThat(run.outcome()).isEqualTo("COMPLETED");
        assertThat(run.startedBy()).contains("@");
        assertThat(run.endedAt()).isAfter(run.startedAt());
        assertThat(run.executions()).isEqualTo(1);
        assertThat(run.nodes()).extracting(RunAudit.Turn::node).containsExactlyInAnyOrder("node-a", "node-b", "node-c");
        assertThat(run.nodes()).allSatisfy(turn -> {
            assertThat(turn.bootIdBefore()).isEqualTo(turn.node() + "-first-boot");
            assertThat(turn.bootIdAfter()).isNotNull().isNotEqualTo(turn.bootIdBefore());
            assertThat(turn.downtime()).isPositive();
        });
        assertThat(run.nodes().get(2).node()).as("the master last").isEqualTo("node-b");
    }

    @Test
    void aPauseAndAResume_areActsWithWhoSentThem() throws IOException {
        RunAudit run = audit("sim", "compact-paused-then-resumed.json");

        assertThat(run.acts()).extracting(RunAudit.Act::what).containsSubsequence("pause", "resume");
        assertThat(run.acts()).allSatisfy(act -> assertThat(act.by()).isNotBlank());
    }

    @Test
    void aCancel_isAnAct_andTheOutcome() throws IOException {
        RunAudit run = audit("sim", "compact-cancel-mid-run.json");

        assertThat(run.outcome()).isEqualTo("CANCELLED");
        assertThat(run.acts()).extracting(RunAudit.Act::what).contains("cancel");
    }

    @Test
    void aDrop_isAnActNamingTheNode() throws IOException {
        RunAudit run = audit("sim", "compact-stalled-then-dropped-heartbeat-left.json");

        assertThat(run.acts()).filteredOn(act -> act.what().equals("drop")).singleElement()
                .satisfies(drop -> assertThat(drop.detail()).startsWith("node-"));
    }

    @Test
    void aTurnAcrossAContinueAsNew_isOneTurn_withItsDowntime() throws IOException {
        RunAudit run = audit("sim", "compact-continued-as-new-mid-node-first-run.json",
                "compact-continued-as-new-mid-node-second-run.json");

        assertThat(run.executions()).isEqualTo(2);
        assertThat(run.nodes()).allSatisfy(turn -> assertThat(turn.downtime()).as(turn.toString()).isNotNull());
    }

    @Test
    void aRunBegunBeforeTheCompactBody_readsTheSame() throws IOException {
        RunAudit run = audit("sim", "happy-path-five-nodes.json");

        assertThat(run.outcome()).isEqualTo("COMPLETED");
        assertThat(run.nodes()).hasSize(5).allSatisfy(turn -> assertThat(turn.bootIdAfter()).isNotNull());
    }

    @Test
    void aRunsLines_sayItsOutcomeAndStarter_thenWhatHappenedInOrder() throws IOException {
        List<String> lines = HistoryAction.lines(audit("sim", "compact-paused-then-resumed.json"));

        assertThat(lines.get(1)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z  COMPLETED after \\S+, started by \\S+, 3 nodes rebooted");
        assertThat(lines.subList(2, lines.size())).hasSize(5).allSatisfy(line -> assertThat(line).startsWith("  20"));
        assertThat(lines.subList(2, lines.size())).extracting(line -> line.substring(24)).containsExactly(
                "node-a  boot node-a-boot-1 -> node-a-boot-2, down 362ms",
                "pause by alice: change freeze",
                "resume by bob",
                "node-b  boot node-b-boot-1 -> node-b-boot-2, down 314ms",
                "node-c  boot node-c-boot-1 -> node-c-boot-2, down 3s290ms");
    }

    private static RunAudit audit(String cluster, String... files) throws IOException {
        List<List<HistoryEvent>> executions = new ArrayList<>();
        for (String file : files) {
            executions.add(WorkflowExecutionHistory.fromJson(Files.readString(HISTORIES.resolve(file))).getEvents());
        }
        return RunAudit.of(cluster, executions);
    }
}
