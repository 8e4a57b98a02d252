package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Only what needs it: a run reboots the nodes whose reboot-required sentinel is there, skips the
 * others (they keep their place and count for quorum), says when a sentinel is there again after
 * the reboot, and with --all reboots every node. On the Temporal test service with time skipping;
 * the histories go to target/histories/.
 */
class SentinelTest {
    private static final List<String> FIVE = List.of("node-a", "node-b", "node-c", "node-d", "node-e");
    private static final String ID = TaskQueues.workflowId(SimulatedCluster.NAME);

    @AutoClose
    private final SimulatedTemporal temporal = SimulatedTemporal.skippingTimeFrom(Instant.parse("2027-01-11T22:00:00Z"));
    private final WorkflowClient client = temporal.client();

    @Test
    void givenTwoNodesWithoutTheirSentinel_onlyTheOthersReboot_andASentinelThereAgainIsSaid() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), FIVE, "node-e"));
        FIVE.forEach(node -> cluster.sentinel(node, true));
        cluster.sentinel("node-b", false);
        cluster.sentinel("node-d", false);
        cluster.sentinelComesBack("node-c");

        RebootStatus end = run(request());
        RebootStatus last = status();

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(end.reason()).isNull();
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-c", "node-e");
        assertThat(end.withState(NodeState.SKIPPED)).containsExactly("node-b", "node-d");
        assertThat(end.withState(NodeState.DONE)).containsExactly("node-a", "node-c", "node-e");
        assertThat(last.node("node-c").map(NodeStatus::note))
                .contains("its reboot-required sentinel is there again after the reboot");
        assertThat(last.node("node-a").map(NodeStatus::note)).isEmpty();
        assertThat(end.node("node-c").map(NodeStatus::note)).as("kept in the packed result")
                .contains("its reboot-required sentinel is there again after the reboot");
        RunWatch.record(client, "compact-sentinel-skips-two");
    }

    @Test
    void givenAll_everyNodeReboots_withOrWithoutItsSentinel() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), FIVE, "node-e"));
        FIVE.forEach(node -> cluster.sentinel(node, false));
        cluster.sentinel("node-a", true);

        RebootStatus end = run(request().withAll(true));

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.rebootLog()).containsExactlyElementsOf(FIVE);
        assertThat(end.withState(NodeState.SKIPPED)).isEmpty();
    }

    @Test
    void givenNoNodeWithItsSentinel_theRunEndsAtOnce_rebootingNothing_andSaysSo() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), FIVE, "node-e"));
        FIVE.forEach(node -> cluster.sentinel(node, false));

        RebootStatus end = run(request().withHolds(Duration.ofMinutes(5), null));

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(end.reason()).isEqualTo("nothing to reboot: no node has its reboot-required sentinel"
                + " (--reboot --all reboots every node)");
        assertThat(end.withState(NodeState.SKIPPED)).containsExactlyElementsOf(FIVE);
        assertThat(end.finishedAt()).as("no grace for nothing").isEqualTo(end.startedAt());
        assertThat(cluster.rebootLog()).isEmpty();
        RunWatch.record(client, "compact-sentinel-nothing-to-reboot");
    }

    @Test
    void givenDaemonsThatDoNotSay_everyNodeReboots_asBeforeSentinels() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), FIVE, "node-e"));
        cluster.sentinel("node-b", false);

        RebootStatus end = run(request());

        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-c", "node-d", "node-e");
        assertThat(end.withState(NodeState.SKIPPED)).containsExactly("node-b");
    }

    private static RebootRequest request() {
        return RebootRequest.of(SimulatedCluster.NAME, "tester", Duration.ofMinutes(20));
    }

    private RebootStatus run(RebootRequest request) {
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                RebootWorkflows.options(SimulatedCluster.NAME, "test reboot of " + SimulatedCluster.NAME, "sentinel"));
        WorkflowClient.start(workflow::reboot, request);
        try {
            return client.newUntypedWorkflowStub(ID).getResult(60, TimeUnit.SECONDS, RebootStatus.class);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the run did not end within 60 s", e);
        }
    }

    private RebootStatus status() {
        return client.newWorkflowStub(DistributedRebootWorkflow.class, ID).status();
    }
}
