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
 * blockcmd: a node whose blockcmd says no is not touched; the run says why, looks again later and
 * goes on once nothing blocks it, each node rebooted once. In real time on the Temporal test
 * service; the history goes to target/histories/.
 */
class BlockcmdTest {
    private static final String ID = TaskQueues.workflowId(SimulatedCluster.NAME);
    private static final List<String> THREE = List.of("node-a", "node-b", "node-c");

    @AutoClose
    private final SimulatedTemporal temporal = SimulatedTemporal.inRealTime();
    private final WorkflowClient client = temporal.client();

    @Test
    void givenABlockedNode_itIsNotTouched_theRunSaysWhy_andGoesOnOnceNothingBlocksIt() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), THREE, "node-c"));
        cluster.blocks("node-b", "2 firing alerts match severity=page: NodeDown, DiskFull");
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                RebootWorkflows.options(SimulatedCluster.NAME, "test reboot of " + SimulatedCluster.NAME, "blocked"));
        WorkflowClient.start(workflow::reboot, RebootRequest.of(SimulatedCluster.NAME, "tester", Duration.ofSeconds(30))
                .withActivityTimeout(Duration.ofSeconds(3)));

        RebootStatus blocked = RunWatch.awaitStatus(client, s -> s.waitingFor().startsWith("blockcmd on node-b"));
        assertThat(blocked.waitingFor()).matches("blockcmd on node-b says: 2 firing alerts match severity=page:"
                + " NodeDown, DiskFull; it is run again in \\d+s");
        assertThat(blocked.node("node-b").orElseThrow().state()).as("its turn undone").isEqualTo(NodeState.PENDING);
        assertThat(blocked.phase()).isEqualTo(Phase.RUNNING);
        Thread.sleep(3000);
        assertThat(cluster.rebootLog()).as("node-b untouched while blocked").containsExactly("node-a");
        assertThat(cluster.reboots("node-b")).isZero();

        cluster.blocks("node-b", null);
        RebootStatus end = RunChain.result(client, ID, Duration.ofSeconds(90));

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-c");
        RunWatch.record(client, "compact-blocked-then-goes-on");
    }
}
