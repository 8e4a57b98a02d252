package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * reboot.parallel over a cluster of quorum groups: nodes of one group one at a time (its master
 * last), groups side by side up to the budget, never a second member of a group down, and the
 * budget kept when a node stalls, a daemon dies mid-call and the run continues as new mid-batch.
 * In real time on the Temporal test service; the histories go to target/histories/.
 */
class ParallelBatchesTest {
    private static final String ID = TaskQueues.workflowId(SimulatedCluster.NAME);
    private static final Duration REBOOT_TIME = Duration.ofSeconds(1);

    @AutoClose
    private final SimulatedTemporal temporal = SimulatedTemporal.inRealTime();
    private final WorkflowClient client = temporal.client();
    private SimulatedCluster cluster;

    @Test
    void givenThreeGroupsAndTwoAtOnce_eachNodeRebootsOnce_eachGroupsMasterLast_andTwoAtMostAreDown() throws Exception {
        List<String> nodes = List.of("a-1", "a-2", "a-3", "b-1", "b-2", "b-3", "c-1", "c-2");
        cluster = groups(nodes, REBOOT_TIME, "a-2", "b-1");

        start(request(2, Duration.ofSeconds(30), 0));
        RebootStatus end = result();

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        nodes.forEach(node -> assertThat(cluster.reboots(node)).as(node).isEqualTo(1));
        assertThat(inGroup("a")).containsExactly("a-1", "a-3", "a-2");
        assertThat(inGroup("b")).containsExactly("b-2", "b-3", "b-1");
        assertThat(inGroup("c")).containsExactly("c-1", "c-2");
        assertThat(cluster.mostDownAtOnce()).isEqualTo(2);
        assertThat(cluster.mostDownInOneGroup()).isEqualTo(1);
        assertThat(end.nodes()).allMatch(n -> n.state() == NodeState.DONE && n.group() != null);
        assertThat(client.newWorkflowStub(DistributedRebootWorkflow.class, ID).status().nodes())
                .as("each turn's detail, in the status query (the result has the nodes packed)")
                .allMatch(n -> n.state() == NodeState.DONE && !n.bootIdAfter().equals(n.bootIdBefore()));
        RunWatch.record(client, "compact-batches-three-groups-two-at-once");
    }

    @Test
    void givenNodesSlowerThanRebootTimeout_theRunStalls_onANodeStillAway_startsNoOtherBatch_andGoesOnWhenBack()
            throws Exception {
        List<String> nodes = List.of("a-1", "a-2", "b-1", "b-2", "c-1", "c-2");
        cluster = groups(nodes, REBOOT_TIME, "a-2", "b-2");
        // Two of the batch stay away past reboot.timeout, whatever the machine's speed; each is back
        // only when the test says so, one after the other.
        cluster.neverComesBack("a-1");
        cluster.neverComesBack("c-1");

        start(request(3, Duration.ofSeconds(4), 0));
        RunWatch.awaitStatus(client, s -> s.phase() == Phase.STALLED
                && s.node("b-1").orElseThrow().state() == NodeState.DONE);
        Thread.sleep(1000);
        // both are past reboot.timeout now (their deadline is the same); the stall names the one said last
        String named = client.newWorkflowStub(DistributedRebootWorkflow.class, ID).status().reason().startsWith("a-1 ")
                ? "a-1" : "c-1";
        String other = named.equals("a-1") ? "c-1" : "a-1";
        cluster.bootsAgain(named);
        RebootStatus stalled = RunWatch.awaitStatus(client, s -> s.phase() == Phase.STALLED
                && s.node(named).orElseThrow().state() == NodeState.DONE);
        assertThat(stalled.reason()).as("the stall names the node still away, not the one back")
                .isEqualTo(other + " is not back after 4s (no new boot with a passing healthcmd)");
        assertThat(cluster.rebootLog()).containsExactlyInAnyOrder("a-1", "b-1", "c-1");
        cluster.bootsAgain(other);
        RebootStatus end = result();

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        nodes.forEach(node -> assertThat(cluster.reboots(node)).as(node).isEqualTo(1));
        assertThat(cluster.rebootLog().subList(3, 6)).containsExactlyInAnyOrder("a-2", "b-2", "c-2");
        assertThat(cluster.mostDownAtOnce()).isEqualTo(3);
        assertThat(cluster.mostDownInOneGroup()).isEqualTo(1);
    }

    @Test
    void givenADaemonDyingInsideItsRebootCall_andATinyEventBudget_theRunContinuesAsNewMidBatch_andRebootsEachOnce()
            throws Exception {
        List<String> nodes = List.of("a-1", "a-2", "b-1", "b-2", "c-1", "c-2");
        cluster = groups(nodes, Duration.ofMillis(500), "a-1", "b-2");
        cluster.dieInsideRebootCall("b-1");

        String firstRun = start(request(3, Duration.ofSeconds(30), 40));
        RebootStatus end = result();

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        nodes.forEach(node -> assertThat(cluster.reboots(node)).as(node).isEqualTo(1));
        assertThat(inGroup("a")).containsExactly("a-2", "a-1");
        assertThat(inGroup("b")).containsExactly("b-1", "b-2");
        assertThat(cluster.mostDownAtOnce()).isLessThanOrEqualTo(3);
        assertThat(cluster.mostDownInOneGroup()).isEqualTo(1);
        RunChain chain = new RunChain(client, ID, firstRun);
        assertThat(chain.runs()).hasSizeGreaterThanOrEqualTo(2);
        chain.record("compact-batches-continued-as-new-mid-batch");
    }

    /** Nodes named group-n, each in its group; {@code masters} the masters of theirs. */
    private SimulatedCluster groups(List<String> nodes, Duration rebootTime, String... masters) {
        SimulatedCluster groups = temporal.cluster(new SimulatedCluster(client, rebootTime, nodes, masters[0]));
        for (String master : masters) {
            groups.alsoMaster(master);
        }
        nodes.forEach(node -> groups.inGroup(node, node.substring(0, node.indexOf('-'))));
        return groups;
    }

    private List<String> inGroup(String group) {
        return cluster.rebootLog().stream().filter(node -> node.startsWith(group + "-")).toList();
    }

    private static RebootRequest request(int parallel, Duration rebootTimeout, int eventBudget) {
        return RebootRequest.of(SimulatedCluster.NAME, "tester", rebootTimeout)
                .withActivityTimeout(Duration.ofSeconds(2)).withEventBudget(eventBudget).withParallel(parallel);
    }

    /** Starts a run; returns its first run id. */
    private String start(RebootRequest request) {
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                RebootWorkflows.options(SimulatedCluster.NAME, "test reboot of " + SimulatedCluster.NAME, "in batches"));
        return WorkflowClient.start(workflow::reboot, request).getRunId();
    }

    private RebootStatus result() throws Exception {
        return RunChain.result(client, ID, Duration.ofSeconds(90));
    }
}
