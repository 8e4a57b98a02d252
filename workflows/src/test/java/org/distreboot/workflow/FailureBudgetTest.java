package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * reboot.max-failed: a node not back within reboot.timeout fails and is left out while the budget
 * lasts, and the run goes on; past the budget the run stalls; a failed node down still counts for
 * quorum, so the run never takes a node down that would lose it. On the Temporal test service in
 * real time, with a reboot.timeout of seconds: the test service skips no time while a call waits
 * in a node's queue, and the call for a node that never comes back waits there. The histories go to
 * target/histories/.
 */
class FailureBudgetTest {
    private static final List<String> FIVE = List.of("node-a", "node-b", "node-c", "node-d", "node-e");
    private static final List<String> THREE = List.of("node-a", "node-b", "node-c");
    private static final String ID = TaskQueues.workflowId(SimulatedCluster.NAME);

    @AutoClose
    private final SimulatedTemporal temporal = SimulatedTemporal.inRealTime();
    private final WorkflowClient client = temporal.client();

    @Test
    void givenABudgetOfOne_aNodeThatDoesNotComeBackFails_andTheRunGoesOnWithoutIt() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), FIVE, "node-e"));
        cluster.neverComesBack("node-b");
        start(request(1));

        RebootStatus end = result();

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.rebootLog()).containsExactlyElementsOf(FIVE);
        assertThat(end.withState(NodeState.FAILED)).containsExactly("node-b");
        assertThat(end.node("node-b").map(NodeStatus::note)).contains("node-b is not back after 5s (no new boot with"
                + " a passing healthcmd) (failed 1 of reboot.max-failed 1)");
        assertThat(end.withState(NodeState.DONE)).containsExactly("node-a", "node-c", "node-d", "node-e");
        assertThat(cluster.mostDownAtOnce()).as("the failed node and one more").isEqualTo(2);
        RunWatch.record(client, "compact-max-failed-one-fails");
    }

    @Test
    void givenTheBudgetSpent_theNextNodeThatDoesNotComeBackStallsTheRun() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), FIVE, "node-e"));
        cluster.neverComesBack("node-b");
        cluster.neverComesBack("node-c");
        start(request(1));

        RebootStatus stalled = RunWatch.awaitStatus(client, s -> s.phase() == Phase.STALLED);

        assertThat(stalled.withState(NodeState.FAILED)).containsExactly("node-b");
        assertThat(stalled.current()).isEqualTo("node-c");
        assertThat(stalled.reason()).isEqualTo("node-c is not back after 5s (no new boot with a passing healthcmd)");
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-c");
    }

    @Test
    void givenThreeNodesAndOneFailed_noSecondNodeGoesDown_untilTheFailedOneIsBack() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), THREE, "node-c"));
        cluster.neverComesBack("node-a");
        start(request(1));

        RebootStatus waiting = RunWatch.awaitStatus(client, s -> s.phase() == Phase.STALLED);

        assertThat(waiting.withState(NodeState.FAILED)).containsExactly("node-a");
        assertThat(waiting.reason()).startsWith("the cluster is not whole after 5s: no quorum to spare: 2 of 3 nodes"
                + " are up, 1 failed (reboot.max-failed) and down; one more reboot would lose quorum");
        assertThat(cluster.rebootLog()).as("never a second node down").containsExactly("node-a");

        cluster.bootsAgain("node-a");
        RebootStatus end = result();

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-c");
        assertThat(end.withState(NodeState.FAILED)).containsExactly("node-a");
        assertThat(cluster.mostDownAtOnce()).isEqualTo(1);
        RunWatch.record(client, "compact-max-failed-no-quorum-to-spare");
    }

    private static RebootRequest request(int maxFailed) {
        return RebootRequest.of(SimulatedCluster.NAME, "tester", Duration.ofSeconds(5)).withMaxFailed(maxFailed);
    }

    private void start(RebootRequest request) {
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                RebootWorkflows.options(SimulatedCluster.NAME, "test reboot of " + SimulatedCluster.NAME, "budget"));
        WorkflowClient.start(workflow::reboot, request);
    }

    private RebootStatus result() throws Exception {
        try {
            return client.newUntypedWorkflowStub(ID).getResult(120, TimeUnit.SECONDS, RebootStatus.class);
        } catch (TimeoutException e) {
            throw new AssertionError("the run did not end within 120 s; last: " + client.newWorkflowStub(
                    DistributedRebootWorkflow.class, ID).status(), e);
        }
    }
}
