package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.commands.DropResult;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workflow against a simulated cluster, in real time on the Temporal test service. Each
 * scenario also writes its history to target/histories/ for the replay tests.
 */
class DistributedRebootWorkflowTest {
    private static final List<String> FIVE = List.of("node-a", "node-b", "node-c", "node-d", "node-e");
    private static final Duration REBOOT_TIME = Duration.ofMillis(300);

    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private SimulatedCluster cluster;

    @BeforeEach
    void startTemporal() {
        env = TestTemporal.inRealTime();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
        TestTemporal.close(env);
    }

    private static RebootRequest request(Duration rebootTimeout) {
        return RebootRequest.of(SimulatedCluster.NAME, "tester", rebootTimeout).withActivityTimeout(Duration.ofSeconds(2));
    }

    private DistributedRebootWorkflow start(RebootRequest request) {
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                RebootWorkflows.options(SimulatedCluster.NAME, "test reboot of " + SimulatedCluster.NAME,
                        "the static details of this run"));
        WorkflowClient.start(workflow::reboot, request);
        return workflow;
    }

    private static RebootStatus result(DistributedRebootWorkflow workflow) throws Exception {
        return WorkflowStub.fromTyped(workflow).getResult(60, TimeUnit.SECONDS, RebootStatus.class);
    }

    private static List<NodeState> states(RebootStatus status) {
        return status.nodes().stream().map(NodeStatus::state).toList();
    }

    @Test
    void givenFiveHealthyNodes_whenRebooted_eachRebootsOnceAndTheMasterLast() throws Exception {
        cluster = new SimulatedCluster(client, REBOOT_TIME, FIVE, "node-c");
        List<String> bootIdsBefore = FIVE.stream().map(cluster::bootId).toList();

        DistributedRebootWorkflow workflow = start(request(Duration.ofSeconds(30)));
        RebootStatus end = result(workflow);

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-d", "node-e", "node-c");
        assertThat(end.order()).containsExactly("node-a", "node-b", "node-d", "node-e", "node-c");
        assertThat(states(end)).containsOnly(NodeState.DONE);
        // The result has the nodes packed (names and states); the status query still has each turn's detail.
        RebootStatus last = workflow.status();
        assertThat(end.withNodes(List.of())).isEqualTo(last.withNodes(List.of()));
        assertThat(end.nodes()).allMatch(n -> n.bootIdAfter() == null);
        for (String node : FIVE) {
            NodeStatus status = last.node(node).orElseThrow();
            assertThat(cluster.reboots(node)).as(node).isEqualTo(1);
            assertThat(status.bootIdBefore()).isEqualTo(bootIdsBefore.get(FIVE.indexOf(node)));
            assertThat(status.bootIdAfter()).isEqualTo(cluster.bootId(node)).isNotEqualTo(status.bootIdBefore());
            assertThat(status.finishedAt()).isAfterOrEqualTo(status.startedAt());
        }
        assertThat(end.master()).isEqualTo("node-c");
        assertTheUiTellsTheStory();
        assertTheRunCanBeFoundByItsSearchAttributes();
        RunWatch.record(client, "happy-path-searchable");
    }

    /** A static summary on the run, and a summary on every activity and timer it scheduled. */
    private void assertTheUiTellsTheStory() {
        List<HistoryEvent> events = client.fetchHistory(TaskQueues.workflowId(SimulatedCluster.NAME)).getEvents();
        assertThat(summary(events.get(0))).isEqualTo("\"test reboot of sim\"");
        List<String> activitySummaries = events.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .map(DistributedRebootWorkflowTest::summary).toList();
        assertThat(activitySummaries).isNotEmpty().allMatch(text -> text.length() > 2)
                .contains("\"drain and reboot node-c\"", "\"wait for node-c to rejoin\"",
                        "\"fix the plan: the nodes with a heartbeat now\"")
                .as("each node's boot id came with the look before its turn, from its heartbeat")
                .noneMatch(text -> text.startsWith("\"read the boot id of"));
        assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
                .allMatch(e -> summary(e).length() > 2);
    }

    /** The values given to {@code key}, upsert after upsert, in JSON; absent from an upsert that did not change it. */
    private static List<String> upserted(List<HistoryEvent> events, SearchAttributeKey<String> key) {
        return events.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
                .map(e -> e.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes()
                        .getIndexedFieldsMap().get(key.getName()))
                .filter(Objects::nonNull).map(value -> value.getData().toStringUtf8()).toList();
    }

    /** Each node's turn shows in DistrebootNode, in reboot order, and the run ends COMPLETED with no node. */
    private void assertTheRunCanBeFoundByItsSearchAttributes() {
        List<HistoryEvent> events = client.fetchHistory(TaskQueues.workflowId(SimulatedCluster.NAME)).getEvents();
        assertThat(upserted(events, RunSearch.NODE).stream().filter(node -> node.startsWith("\"")).distinct())
                .containsExactly("\"node-a\"", "\"node-b\"", "\"node-d\"", "\"node-e\"", "\"node-c\"");
        assertThat(upserted(events, RunSearch.PHASE)).as("an upsert holds what changed: a turn's, the node only")
                .containsExactly("\"RUNNING\"", "\"COMPLETED\"");
        SearchAttributes end = client.newUntypedWorkflowStub(TaskQueues.workflowId(SimulatedCluster.NAME))
                .describe().getTypedSearchAttributes();
        assertThat(end.get(RunSearch.CLUSTER)).isEqualTo(SimulatedCluster.NAME);
        assertThat(end.get(RunSearch.PHASE)).isEqualTo("COMPLETED");
        assertThat(end.containsKey(RunSearch.NODE)).isFalse();
        assertThat(events.get(0).getUserMetadata().getDetails().getData().toStringUtf8())
                .isEqualTo("\"the static details of this run\"");
    }

    private static String summary(HistoryEvent event) {
        return event.getUserMetadata().getSummary().getData().toStringUtf8();
    }

    @Test
    void givenMasterMovesMidRun_whenRebooted_theNewMasterGoesLast() throws Exception {
        cluster = new SimulatedCluster(client, REBOOT_TIME, FIVE, "node-c");
        cluster.onReboot(node -> {
            if (node.equals("node-a")) {
                cluster.makeMaster("node-b");
            }
        });

        RebootStatus end = result(start(request(Duration.ofSeconds(30))));

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-c", "node-d", "node-e", "node-b");
        assertThat(end.master()).isEqualTo("node-b");
        FIVE.forEach(node -> assertThat(cluster.reboots(node)).as(node).isEqualTo(1));
        RunWatch.record(client, "master-moves-mid-run");
    }

    @Test
    void givenCancelWhileSecondNodeReboots_theListStopsAndThatNodeIsLeftToComeBack() throws Exception {
        cluster = new SimulatedCluster(client, Duration.ofSeconds(1), FIVE, "node-e");
        // node-b stays down: back within a set time, it could be back before a cancel on a busy machine lands
        cluster.neverComesBack("node-b");
        DistributedRebootWorkflow workflow = start(request(Duration.ofSeconds(30)));
        RunWatch.awaitStatus(client, s -> "node-b".equals(s.current()) && s.node("node-b").orElseThrow().state() == NodeState.REJOINING);

        workflow.cancel(new CancelRequest("tester", "saw smoke"));
        RebootStatus end = result(workflow);

        assertThat(end.phase()).isEqualTo(Phase.CANCELLED);
        assertThat(end.reason()).isEqualTo("cancelled by tester; node-b left to come back on its own");
        assertThat(end.node("node-b").orElseThrow().state()).isEqualTo(NodeState.REJOINING);
        assertThat(end.withState(NodeState.PENDING)).containsExactly("node-c", "node-d", "node-e");
        Thread.sleep(1500);
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b");
        RunWatch.record(client, "cancel-mid-run");
    }

    @Test
    void givenDraincmdFails_theRunStallsWithoutRebootingThatNode_andACancelEndsIt() throws Exception {
        cluster = new SimulatedCluster(client, REBOOT_TIME, FIVE, "node-e");
        cluster.drainFails("node-b");
        DistributedRebootWorkflow workflow = start(request(Duration.ofSeconds(30)));

        RebootStatus stalled = RunWatch.awaitStatus(client, s -> s.phase() == Phase.STALLED);
        assertThat(stalled.current()).isEqualTo("node-b");
        assertThat(stalled.reason()).isEqualTo("draincmd failed on node-b: draincmd exited 1: no healthy follower");
        Thread.sleep(1000);
        assertThat(cluster.rebootLog()).as("no reboot after a failed drain").containsExactly("node-a");

        workflow.cancel(new CancelRequest("tester", "look at node-b"));
        RebootStatus end = result(workflow);

        assertThat(end.phase()).isEqualTo(Phase.CANCELLED);
        assertThat(cluster.rebootLog()).containsExactly("node-a");
        assertThat(cluster.reboots("node-b")).isZero();
        RunWatch.record(client, "drain-fails-then-cancelled");
    }

    @Test
    void givenNodeThatNeverReturns_theRunStallsAndDroppingItLetsTheRunComplete() throws Exception {
        cluster = new SimulatedCluster(client, REBOOT_TIME, FIVE, "node-e");
        cluster.neverComesBack("node-b");
        // node-a is back within 5 s on most machines; on a cold, busy test JVM it may stall the run
        // for a moment first, and the run goes on when it is back: the stall waited for is node-b's
        DistributedRebootWorkflow workflow = start(request(Duration.ofSeconds(5)));

        RebootStatus stalled = RunWatch.awaitStatus(client, s -> s.phase() == Phase.STALLED
                && "node-b".equals(s.current()));
        assertThat(stalled.reason()).startsWith("node-b is not back after 5s");
        assertThat(stalled.waitingFor()).contains("--cancel", "--drop");
        Thread.sleep(1000);
        assertThat(cluster.rebootLog()).as("a stalled run never moves on by itself").containsExactly("node-a", "node-b");

        assertThatThrownBy(() -> workflow.drop(new DropRequest("node-z", "tester", "typo")))
                .isInstanceOf(WorkflowUpdateException.class)
                .rootCause().hasMessageContaining("unknown node 'node-z'; the nodes of this reboot are: node-a, node-b");
        DropResult dropped = workflow.drop(new DropRequest("node-b", "tester", "disk dead"));
        RebootStatus end = result(workflow);

        assertThat(dropped).isEqualTo(new DropResult("node-b", true));
        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.hasHeartbeat("node-b")).as("the heartbeat row is the command's to remove").isTrue();
        assertThat(end.node("node-b").orElseThrow()).satisfies(b -> {
            assertThat(b.state()).isEqualTo(NodeState.DROPPED);
            assertThat(b.note()).isEqualTo("dropped by tester: disk dead");
        });
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-c", "node-d", "node-e");
        RunWatch.record(client, "stalled-then-dropped-heartbeat-left");
    }

    @Test
    void givenANodeNameClaimedByTwoHostsMidRun_theRunStallsAtOnceAndRebootsNothingUntilOneHostIsLeft() throws Exception {
        cluster = new SimulatedCluster(client, REBOOT_TIME, FIVE, "node-e");
        cluster.onReboot(node -> {
            if (node.equals("node-a")) {
                cluster.claimedBy("node-d", "h1 (machine aaaa, boot b1) and h2 (machine aaaa, boot b2)");
            }
        });
        DistributedRebootWorkflow workflow = start(request(Duration.ofMinutes(30)));

        RebootStatus stalled = RunWatch.awaitStatus(client, s -> s.phase() == Phase.STALLED);
        assertThat(stalled.reason()).isEqualTo("node-d: claimed by two hosts, h1 (machine aaaa, boot b1) and h2"
                + " (machine aaaa, boot b2) (give one of them its own node=, or stop distreboot on it)");
        assertThat(stalled.current()).as("node-a is back, but its turn ends only with the cluster whole").isEqualTo("node-a");
        assertThat(stalled.node("node-a").orElseThrow().state()).isEqualTo(NodeState.REJOINING);
        Thread.sleep(1500);
        assertThat(cluster.rebootLog()).as("nothing rebooted while node-d has two hosts").containsExactly("node-a");

        cluster.claimedBy("node-d", null);
        RebootStatus end = result(workflow);

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(end.reason()).isNull();
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-c", "node-d", "node-e");
        RunWatch.record(client, "node-claimed-twice-stalls-then-completes");
    }

    @Test
    void givenSlowNode_theRunStallsKeepsWaitingAndCompletesWhenItReturns() throws Exception {
        cluster = new SimulatedCluster(client, REBOOT_TIME, List.of("node-a", "node-b", "node-c"), "node-a");
        // node-b comes back once the stall is seen: a status query on a busy machine may take longer than a set delay
        cluster.neverComesBack("node-b");
        DistributedRebootWorkflow workflow = start(request(Duration.ofMillis(1500)));

        RebootStatus stalled = RunWatch.awaitStatus(client, s -> s.phase() == Phase.STALLED);
        assertThat(stalled.current()).isEqualTo("node-b");
        cluster.bootsAgain("node-b");
        RebootStatus end = result(workflow);

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(end.reason()).isNull();
        assertThat(cluster.rebootLog()).containsExactly("node-b", "node-c", "node-a");
        assertThat(states(end)).containsOnly(NodeState.DONE);
        RunWatch.record(client, "stalled-keeps-waiting-then-returns");
    }

    @Test
    void givenStaleNode_theRunIsRefusedNamingItAndNothingReboots() throws Exception {
        cluster = new SimulatedCluster(client, REBOOT_TIME, FIVE, "node-e");
        cluster.stopDaemon("node-c");

        assertThatThrownBy(() -> result(start(request(Duration.ofSeconds(30)))))
                .isInstanceOf(WorkflowFailedException.class)
                .rootCause().isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("refused: node-c: heartbeat stale since");
        assertThat(cluster.rebootLog()).isEmpty();
        RunWatch.record(client, "refused-stale-node");
    }

    @Test
    void givenNodeNotReady_theRunIsRefusedNamingIt() throws Exception {
        cluster = new SimulatedCluster(client, REBOOT_TIME, FIVE, "node-e");
        cluster.setReady("node-d", false);

        assertThatThrownBy(() -> result(start(request(Duration.ofSeconds(30)))))
                .isInstanceOf(WorkflowFailedException.class)
                .rootCause().hasMessageContaining("refused: node-d: not ready (its healthcmd fails)");
        assertThat(cluster.rebootLog()).isEmpty();
        RunWatch.record(client, "refused-node-not-ready");
    }

    @Test
    void givenDaemonDiesRightAfterRebootCommand_theNodeIsRebootedExactlyOnce() throws Exception {
        cluster = new SimulatedCluster(client, REBOOT_TIME, FIVE, "node-e");
        cluster.dieInsideRebootCall("node-b");

        RebootStatus end = result(start(request(Duration.ofSeconds(30))));

        assertThat(end.phase()).isEqualTo(Phase.COMPLETED);
        assertThat(cluster.rebootLog()).containsExactly("node-a", "node-b", "node-c", "node-d", "node-e");
        FIVE.forEach(node -> assertThat(cluster.reboots(node)).as(node).isEqualTo(1));
        // The reboot call of node-b really was retried: the second attempt found the new boot id.
        List<HistoryEvent> events = client.fetchHistory(TaskQueues.workflowId(SimulatedCluster.NAME)).getEvents();
        List<Long> rebootsOfNodeB = events.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .filter(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("DrainAndReboot")
                        && e.getActivityTaskScheduledEventAttributes().getTaskQueue().getName()
                                .equals(TaskQueues.node(SimulatedCluster.NAME, "node-b")))
                .map(HistoryEvent::getEventId).toList();
        assertThat(rebootsOfNodeB).as("one drain-and-reboot call of node-b").hasSize(1);
        assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
                        && e.getActivityTaskStartedEventAttributes().getScheduledEventId() == rebootsOfNodeB.get(0))
                .singleElement().satisfies(started -> assertThat(started.getActivityTaskStartedEventAttributes()
                        .getAttempt()).as("the attempt that answered").isGreaterThanOrEqualTo(2));
        RunWatch.record(client, "daemon-dies-after-reboot-command");
    }
}
