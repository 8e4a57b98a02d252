package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.RebootWindow;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A run started outside its reboot window, on the Temporal test service with time skipping from a
 * Saturday noon: it waits, saying until when, and reboots its nodes inside Sunday's window, the
 * night Paris moves its clocks forward. Its history goes to target/histories/.
 */
class RebootWindowRunTest {
    private static final List<String> THREE = List.of("node-a", "node-b", "node-c");
    private static final String ID = TaskQueues.workflowId(SimulatedCluster.NAME);
    private static final Instant SATURDAY_NOON = Instant.parse("2027-03-27T12:00:00Z");

    @AutoClose
    private final SimulatedTemporal temporal = SimulatedTemporal.skippingTimeFrom(SATURDAY_NOON);
    private final WorkflowClient client = temporal.client();

    @Test
    void givenAWindowOnTheNightTheClocksGoForward_theRunWaitsForIt_andRebootsEachNodeInsideIt() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), THREE, "node-c"));
        RebootWindow sundayNight = new RebootWindow("sun", "01:30", "04:00", "Europe/Paris");
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                RebootWorkflows.options(SimulatedCluster.NAME, "test reboot of " + SimulatedCluster.NAME, "window"));
        WorkflowClient.start(workflow::reboot, RebootRequest.of(SimulatedCluster.NAME, "tester", Duration.ofMinutes(20))
                .withWindow(sundayNight));

        temporal.sleep(Duration.ofHours(6));
        RebootStatus waiting = workflow.status();
        assertThat(cluster.rebootLog()).as("nothing outside the window").isEmpty();
        assertThat(waiting.phase()).isEqualTo(Phase.RUNNING);
        assertThat(waiting.waitingFor()).isEqualTo("the reboot window sun 01:30-04:00 Europe/Paris (window.*): the next"
                + " node's turn when it opens, at 2027-03-28T00:30:00Z");
        RebootStatus end = client.newUntypedWorkflowStub(ID).getResult(60, TimeUnit.SECONDS, RebootStatus.class);
        RebootStatus last = workflow.status();

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-c");
        for (NodeStatus node : last.nodes()) {
            assertThat(node.startedAt()).as(node.node() + " inside the window (01:30 CET to 04:00 CEST)")
                    .isBetween(Instant.parse("2027-03-28T00:30:00Z"), Instant.parse("2027-03-28T02:00:00Z"));
        }
        RunWatch.record(client, "compact-window-across-the-clocks-going-forward");
    }
}
