package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.distreboot.workflow.values.Notice;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A run started with notices on (notify.url) tells the webhook, through an activity of its own per
 * notice, of its start, each node rebooting and back, a blockcmd holding a node back, and its end,
 * in that order; a webhook that is down holds nothing up. A run without notices calls none. On the
 * Temporal test service with time skipping; histories go to target/histories/.
 */
class NoticesTest {
    private static final List<String> THREE = List.of("node-a", "node-b", "node-c");
    private static final String ID = TaskQueues.workflowId(SimulatedCluster.NAME);

    @AutoClose
    private final SimulatedTemporal temporal = SimulatedTemporal.skippingTimeFrom(Instant.parse("2027-01-11T22:00:00Z"));
    private final WorkflowClient client = temporal.client();

    @Test
    void givenNotices_theWebhookHearsEachStepOfTheRunInOrder() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), THREE, "node-c"));
        cluster.blocks("node-a", "alert DiskFull is firing");

        start(request().withNotices(true));
        RunWatch.awaitStatus(client, s -> s.waitingFor() != null && s.waitingFor().startsWith("blockcmd on"));
        cluster.blocks("node-a", null);
        RebootStatus end = result();

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.notices()).extracting(notice -> notice.event() + (notice.node() == null ? "" : " " + notice.node()))
                .containsExactly("run-started", "run-blocked node-a",
                        "node-rebooting node-a", "node-back node-a",
                        "node-rebooting node-b", "node-back node-b",
                        "node-rebooting node-c", "node-back node-c",
                        "run-finished");
        Notice started = cluster.notices().get(0);
        assertThat(started.cluster()).isEqualTo(SimulatedCluster.NAME);
        assertThat(started.reason()).isEqualTo("requested by tester, 3 nodes");
        assertThat(cluster.notices().get(1).reason()).isEqualTo("alert DiskFull is firing");
        assertThat(cluster.notices().get(1).text())
                .isEqualTo("distreboot sim: blockcmd holds node-a back (alert DiskFull is firing)");
        Notice finished = cluster.notices().get(cluster.notices().size() - 1);
        assertThat(finished.state()).isEqualTo("COMPLETED");
        assertThat(finished.text()).isEqualTo("distreboot sim: the reboot ended COMPLETED");
        assertThat(activities("SendNotice")).hasSize(9);
        RunWatch.record(client, "compact-notices-attempts-capped");
    }

    @Test
    void givenTheWebhookDown_theRunCompletesAsFast_andItsNoticesAreGivenUpOn() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), THREE, "node-c"));
        cluster.webhookDown();

        RebootStatus end = run(request().withNotices(true));

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-c");
        assertThat(cluster.notices()).isEmpty();
        // Each node's turn went on while its notices were still being tried: none waited for one.
        RebootStatus last = client.newWorkflowStub(DistributedRebootWorkflow.class, ID).status();
        assertThat(Duration.between(last.startedAt(), last.node("node-c").orElseThrow().finishedAt()))
                .isLessThan(Duration.ofMinutes(1));
        assertThat(activities("SendNotice")).hasSize(8);
        // Each given up on by its count of attempts (version 2 of "notify"), not left to a clock.
        assertThat(history().stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
                .map(e -> e.getActivityTaskFailedEventAttributes().getRetryState()))
                .hasSize(8).containsOnly(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED);
        RunWatch.record(client, "compact-notices-webhook-down-attempts-capped");
    }

    @Test
    void givenNoNotices_theRunCallsNoWebhook_andAsksNoVersionForIt() throws Exception {
        SimulatedCluster cluster = temporal.cluster(new SimulatedCluster(client, Duration.ofMillis(300), THREE, "node-c"));

        run(request());

        assertThat(cluster.notices()).isEmpty();
        assertThat(activities("SendNotice")).isEmpty();
        assertThat(history().stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
                .map(e -> e.getMarkerRecordedEventAttributes().getDetailsMap().toString()))
                .noneMatch(details -> details.contains("notify"));
    }

    private List<HistoryEvent> activities(String type) {
        return history().stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals(type)).toList();
    }

    private List<HistoryEvent> history() {
        return client.fetchHistory(ID).getEvents();
    }

    private static RebootRequest request() {
        return RebootRequest.of(SimulatedCluster.NAME, "tester", Duration.ofMinutes(20));
    }

    private RebootStatus run(RebootRequest request) {
        start(request);
        return result();
    }

    private void start(RebootRequest request) {
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                RebootWorkflows.options(SimulatedCluster.NAME, "test reboot of " + SimulatedCluster.NAME, "notices"));
        WorkflowClient.start(workflow::reboot, request);
    }

    private RebootStatus result() {
        try {
            return client.newUntypedWorkflowStub(ID).getResult(120, TimeUnit.SECONDS, RebootStatus.class);
        } catch (TimeoutException e) {
            throw new AssertionError("the run did not end within 120 s", e);
        }
    }
}
