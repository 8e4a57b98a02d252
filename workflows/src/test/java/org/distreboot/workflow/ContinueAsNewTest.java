package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A run continues as new wherever it waits once its history passes its event budget (a tiny one
 * here), carrying its exact state: across the boundary no node is rebooted twice or skipped, and
 * an operator's drop or cancel sent meanwhile is kept. In real time on the Temporal test service;
 * each chain's first two runs go to target/histories/ for the replay tests.
 */
class ContinueAsNewTest {
    private static final List<String> THREE = List.of("node-a", "node-b", "node-c");
    private static final Duration REBOOT_TIME = Duration.ofMillis(300);
    private static final int TINY_BUDGET = 40;
    private static final String ID = TaskQueues.workflowId(SimulatedCluster.NAME);

    @AutoClose
    private final SimulatedTemporal temporal = SimulatedTemporal.inRealTime();
    private final WorkflowClient client = temporal.client();
    private SimulatedCluster cluster;

    @Test
    void givenAMemberDownAfterANodesReboot_theRunContinuesAsNewMidNode_andRebootsEachNodeOnce() throws Exception {
        nodeBGoesDownWithNodeA();
        String firstRun = start(Duration.ofSeconds(60));

        awaitRuns(firstRun, 3);
        // a run that took the state up says what it waits for once it has looked
        RebootStatus midNode = awaitStatus(s -> s.waitingFor().contains("node-b: heartbeat stale"));
        assertThat(midNode.current()).isEqualTo("node-a");
        assertThat(midNode.node("node-a").orElseThrow().state()).isEqualTo(NodeState.REJOINING);
        cluster.restartDaemon("node-b");
        RebootStatus end = result();

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-c");
        THREE.forEach(node -> assertThat(cluster.reboots(node)).as(node).isEqualTo(1));
        assertThat(end.nodes()).allMatch(n -> n.state() == NodeState.DONE);
        recordChain(firstRun, "compact-continued-as-new-mid-node");
    }

    @Test
    void givenARunStalledAndContinuingAsNew_aDropSentMeanwhileIsKept_andTheRunCompletes() throws Exception {
        nodeBGoesDownWithNodeA();
        String firstRun = start(Duration.ofSeconds(2));

        awaitRuns(firstRun, 2);
        awaitStatus(s -> s.phase() == Phase.STALLED);
        operator().drop(new DropRequest("node-b", "tester", "gone for good"));
        RebootStatus end = result();

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(end.node("node-b").orElseThrow().state()).isEqualTo(NodeState.DROPPED);
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-c");
        recordChain(firstRun, "compact-continued-as-new-mid-stall");
    }

    @Test
    void givenARunStalledAndContinuingAsNew_aCancelSentMeanwhileEndsIt() throws Exception {
        nodeBGoesDownWithNodeA();
        String firstRun = start(Duration.ofSeconds(2));

        awaitRuns(firstRun, 2);
        awaitStatus(s -> s.phase() == Phase.STALLED);
        operator().cancel(new CancelRequest("tester", "enough"));
        RebootStatus end = result();

        assertThat(end.phase()).isEqualTo(Phase.CANCELLED);
        assertThat(end.reason()).isEqualTo("cancelled by tester; node-a left to come back on its own");
        assertThat(cluster.rebootLog()).containsExactly("node-a");
    }

    /** Three nodes, node-c master; node-b's daemon stops as node-a reboots, so the cluster is not whole after it. */
    private void nodeBGoesDownWithNodeA() {
        cluster = temporal.cluster(new SimulatedCluster(client, REBOOT_TIME, THREE, "node-c"));
        cluster.stopsWith("node-a", "node-b");
    }

    /** Starts a run with a tiny event budget; returns its first run id. */
    private String start(Duration rebootTimeout) {
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                RebootWorkflows.options(SimulatedCluster.NAME, "test reboot of " + SimulatedCluster.NAME, "continued as new"));
        RebootRequest request = RebootRequest.of(SimulatedCluster.NAME, "tester", rebootTimeout)
                .withActivityTimeout(Duration.ofSeconds(2)).withEventBudget(TINY_BUDGET);
        return WorkflowClient.start(workflow::reboot, request).getRunId();
    }

    /** The run as an operator reaches it: by workflow id, whichever run of the chain is current. */
    private DistributedRebootWorkflow operator() {
        return client.newWorkflowStub(DistributedRebootWorkflow.class, ID);
    }

    private RebootStatus result() throws Exception {
        return RunChain.result(client, ID, Duration.ofSeconds(60));
    }

    private RebootStatus awaitStatus(Predicate<RebootStatus> until) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            RebootStatus status = operator().status();
            if (status != null && until.test(status)) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("status never matched; last: " + operator().status());
    }

    private void awaitRuns(String firstRun, int runs) throws InterruptedException {
        new RunChain(client, ID, firstRun).await(runs);
    }

    private void recordChain(String firstRun, String scenario) throws IOException {
        new RunChain(client, ID, firstRun).record(scenario);
    }
}
