package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.commands.PauseRequest;
import org.distreboot.workflow.commands.ResumeRequest;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * --pause and --resume: the node in flight finishes, then no node starts until resumed, across
 * every daemon killed and started again; who paused it and when is in the status. In real time on
 * the Temporal test service; the history goes to target/histories/.
 */
class PauseResumeTest {
    private static final String ID = TaskQueues.workflowId(SimulatedCluster.NAME);
    private static final List<String> THREE = List.of("node-a", "node-b", "node-c");

    @AutoClose
    private final SimulatedTemporal temporal = SimulatedTemporal.inRealTime();
    private final WorkflowClient client = temporal.client();
    private final DistributedRebootWorkflow operator = client.newWorkflowStub(DistributedRebootWorkflow.class, ID);

    @Test
    void givenAPauseWhileANodeReboots_itFinishes_noOtherStarts_acrossDaemonsKilled_untilResumed() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), THREE, "node-c"));
        cluster.neverComesBack("node-a"); // back once the pause is in: a set delay could end first on a busy machine
        start();
        RunWatch.awaitStatus(client, s -> s.node("node-a").orElseThrow().state() == NodeState.REJOINING);

        operator.pause(new PauseRequest("alice", "change freeze"));
        cluster.bootsAgain("node-a");
        RebootStatus paused = RunWatch.awaitStatus(client, s -> s.waitingFor().startsWith("--resume"));
        assertThat(paused.node("node-a").orElseThrow().state()).as("the node in flight finished").isEqualTo(NodeState.DONE);
        assertThat(paused.paused().by()).isEqualTo("alice");
        assertThat(paused.waitingFor()).matches("--resume: paused by alice at \\S+Z \\(change freeze\\); the next node's"
                + " turn waits for distreboot --resume");
        for (String node : THREE) { // every worker dies as with kill -9, and starts again
            cluster.stopDaemon(node);
        }
        Thread.sleep(1000);
        for (String node : THREE) {
            cluster.restartDaemon(node);
        }
        Thread.sleep(1500);
        assertThat(operator.status().paused()).as("still paused, replayed on the new workers").isNotNull();
        assertThat(cluster.rebootLog()).containsExactly("node-a");

        operator.resume(new ResumeRequest("bob"));
        RebootStatus end = RunChain.result(client, ID, Duration.ofSeconds(60));

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(end.paused()).isNull();
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-c");
        THREE.forEach(node -> assertThat(cluster.reboots(node)).as(node).isEqualTo(1));
        RunWatch.record(client, "compact-paused-then-resumed");
    }

    @Test
    void givenAPausedRun_aCancelEndsIt_withNothingMoreRebooted() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), THREE, "node-c"));
        start(Duration.ofMinutes(1)); // a grace: the pause is in before any node's turn
        operator.pause(new PauseRequest("alice", null));
        RebootStatus paused = RunWatch.awaitStatus(client, s -> s.paused() != null);
        assertThat(paused.paused().by()).isEqualTo("alice");

        operator.cancel(new CancelRequest("alice", "not tonight"));
        RebootStatus end = RunChain.result(client, ID, Duration.ofSeconds(30));

        assertThat(end.phase()).isEqualTo(Phase.CANCELLED);
        assertThat(cluster.rebootLog()).isEmpty();
    }

    private void start() {
        start(null);
    }

    private void start(Duration grace) {
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                RebootWorkflows.options(SimulatedCluster.NAME, "test reboot of " + SimulatedCluster.NAME, "paused"));
        WorkflowClient.start(workflow::reboot, RebootRequest.of(SimulatedCluster.NAME, "tester", Duration.ofSeconds(30))
                .withActivityTimeout(Duration.ofSeconds(3)).withHolds(grace, null));
    }
}
