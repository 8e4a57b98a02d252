package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The operator's holds in a real run: reboot.grace (a cancel inside it reboots nothing) and
 * reboot.settle (a pause after each node or batch is back). In real time on the Temporal test
 * service; the histories go to target/histories/.
 */
class OperatorHoldsTest {
    private static final String ID = TaskQueues.workflowId(SimulatedCluster.NAME);
    private static final List<String> THREE = List.of("node-a", "node-b", "node-c");

    @AutoClose
    private final SimulatedTemporal temporal = SimulatedTemporal.inRealTime();
    private final WorkflowClient client = temporal.client();
    private final DistributedRebootWorkflow operator = client.newWorkflowStub(DistributedRebootWorkflow.class, ID);

    @Test
    void givenAGrace_aCancelInsideItEndsTheRun_withNothingRebooted() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofSeconds(1), THREE, "node-c"));
        start(request(3).withHolds(Duration.ofMinutes(10), null));

        RebootStatus graced = RunWatch.awaitStatus(client, s -> s.waitingFor() != null && s.waitingFor().contains("reboot.grace"));
        assertThat(graced.phase()).isEqualTo(Phase.RUNNING);
        assertThat(graced.holdsUntil()).as("for a countdown").isEqualTo(graced.startedAt().plus(Duration.ofMinutes(10)));
        assertThat(graced.waitingFor()).startsWith("the grace of 10m (reboot.grace): the first node's turn at ")
                .endsWith("; distreboot --cancel before then reboots nothing");
        operator.cancel(new CancelRequest("tester", "wrong cluster"));
        RebootStatus end = RunChain.result(client, ID, Duration.ofSeconds(30));

        assertThat(end.phase()).isEqualTo(Phase.CANCELLED);
        assertThat(end.reason()).isEqualTo("cancelled by tester");
        assertThat(end.withState(NodeState.PENDING)).containsExactlyElementsOf(
                List.of("node-a", "node-b", "node-c"));
        assertThat(cluster.rebootLog()).isEmpty();
        RunWatch.record(client, "compact-grace-cancelled");
    }

    @Test
    void givenAGraceAndASettle_theFirstTurnWaitsForTheGrace_andEachNextOneForTheSettle() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), THREE, "node-c"));
        Duration grace = Duration.ofSeconds(2);
        Duration settle = Duration.ofSeconds(1);
        start(request(3).withHolds(grace, settle));

        RebootStatus end = RunChain.result(client, ID, Duration.ofSeconds(60));
        RebootStatus last = operator.status(); // each turn's times; the result has its nodes packed

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-c");
        List<NodeStatus> turns = last.nodes();
        assertThat(turns.get(0).startedAt()).isAfterOrEqualTo(last.startedAt().plus(grace));
        for (int i = 1; i < turns.size(); i++) {
            Instant previousBack = turns.get(i - 1).finishedAt();
            assertThat(turns.get(i).startedAt()).as(turns.get(i).node()).isAfterOrEqualTo(previousBack.plus(settle));
        }
        assertThat(last.finishedAt()).as("no settle after the last node").isBefore(turns.get(2).finishedAt()
                .plus(settle));
        RunWatch.record(client, "compact-grace-and-settle");
    }

    @Test
    void givenASettleInBatches_theNextBatchWaitsForItAfterTheLastNodeOfTheBatch() throws Exception {
        List<String> nodes = List.of("a-1", "a-2", "b-1", "b-2");
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), nodes, "a-2"));
        cluster.alsoMaster("b-2");
        nodes.forEach(node -> cluster.inGroup(node, node.substring(0, 1)));
        Duration settle = Duration.ofSeconds(1);
        start(request(3).withParallel(2).withHolds(null, settle));

        RebootStatus end = RunChain.result(client, ID, Duration.ofSeconds(60));
        RebootStatus last = operator.status();

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        Instant firstBatchBack = last.node("a-1").orElseThrow().finishedAt()
                .isAfter(last.node("b-1").orElseThrow().finishedAt())
                ? last.node("a-1").orElseThrow().finishedAt() : last.node("b-1").orElseThrow().finishedAt();
        assertThat(last.node("a-2").orElseThrow().startedAt()).isAfterOrEqualTo(firstBatchBack.plus(settle));
        assertThat(last.node("b-2").orElseThrow().startedAt()).isAfterOrEqualTo(firstBatchBack.plus(settle));
        assertThat(cluster.mostDownInOneGroup()).isEqualTo(1);
        RunWatch.record(client, "compact-batches-settle");
    }

    private static RebootRequest request(int activityTimeoutSeconds) {
        return RebootRequest.of(SimulatedCluster.NAME, "tester", Duration.ofSeconds(30))
                .withActivityTimeout(Duration.ofSeconds(activityTimeoutSeconds));
    }

    private void start(RebootRequest request) {
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                RebootWorkflows.options(SimulatedCluster.NAME, "test reboot of " + SimulatedCluster.NAME, "with holds"));
        WorkflowClient.start(workflow::reboot, request);
    }
}
