package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run that waits long for the cluster to be whole looks less often the longer it waits, on the
 * Temporal test service with time skipping: two hours stalled cost a few dozen looks, not 240, and
 * the run goes on within five minutes of the missing node's return. Its history goes to
 * target/histories/ for the replay tests.
 */
class LongStallTest {
    private static final List<String> THREE = List.of("node-a", "node-b", "node-c");
    private static final String ID = TaskQueues.workflowId(SimulatedCluster.NAME);

    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private SimulatedCluster cluster;

    @BeforeEach
    void startTemporal() {
        env = TestTemporal.skippingTime();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
        TestTemporal.close(env);
    }

    @Test
    void givenAMemberDownForTwoHours_theRunLooksLessOftenAndGoesOnWithinFiveMinutesOfItsReturn() throws Exception {
        cluster = new SimulatedCluster(client, Duration.ofMillis(300), THREE, "node-c");
        cluster.stopsWith("node-a", "node-b");
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                RebootWorkflows.options(SimulatedCluster.NAME, "test reboot of " + SimulatedCluster.NAME, "long stall"));
        WorkflowClient.start(workflow::reboot, RebootRequest.of(SimulatedCluster.NAME, "tester", Duration.ofMinutes(20)));

        env.sleep(Duration.ofHours(2));
        RebootStatus stalled = workflow.status();
        Instant back = Instant.ofEpochMilli(env.currentTimeMillis());
        cluster.restartDaemon("node-b");
        RebootStatus end = client.newUntypedWorkflowStub(ID).getResult(60, TimeUnit.SECONDS, RebootStatus.class);

        assertThat(stalled.phase()).isEqualTo(Phase.STALLED);
        assertThat(stalled.reason()).startsWith("the cluster is not whole after 20m: node-b: heartbeat stale");
        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-c");
        assertThat(end.nodes()).allMatch(n -> n.state() == NodeState.DONE);
        WorkflowExecutionHistory history = client.fetchHistory(ID);
        List<Duration> pauses = history.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
                .filter(e -> e.getUserMetadata().getSummary().getData().toStringUtf8().contains("look at the heartbeats again"))
                .map(e -> Duration.ofSeconds(e.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds()))
                .toList();
        assertThat(pauses).as("looks in two hours, every 30 s for ever before").hasSizeBetween(30, 70);
        assertThat(pauses).as("the longest pause").contains(Duration.ofMinutes(5))
                .allMatch(pause -> pause.compareTo(Duration.ofMinutes(5)) <= 0);
        assertThat(Duration.between(started(history), stalledAt(history)))
                .as("stalled at reboot.timeout, not a long pause later").isBetween(Duration.ofMinutes(20),
                        Duration.ofMinutes(20).plusSeconds(10));
        assertThat(Duration.between(back, end.finishedAt())).as("from node-b's return to the end")
                .isLessThanOrEqualTo(Duration.ofMinutes(6));
        Path file = Path.of("target", "histories", "compact-long-stall-looks-less-often.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, history.toJson(true));
    }

    private static Instant started(WorkflowExecutionHistory history) {
        return time(history.getEvents().get(0));
    }

    /** When the run showed STALLED in its search attributes first. */
    private static Instant stalledAt(WorkflowExecutionHistory history) {
        return history.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
                .filter(e -> e.getUpsertWorkflowSearchAttributesEventAttributes().toString().contains("STALLED"))
                .map(LongStallTest::time).findFirst().orElseThrow();
    }

    private static Instant time(HistoryEvent event) {
        return Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos());
    }
}
