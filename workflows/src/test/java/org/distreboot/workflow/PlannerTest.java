package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.Hold;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.Role;
import org.distreboot.workflow.values.Verdict;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static NodeHeartbeat fresh(String node) {
        return new NodeHeartbeat(node, NOW.plusSeconds(20), false, Role.MEMBER, true, "boot-" + node);
    }

    private static NodeHeartbeat master(String node) {
        return new NodeHeartbeat(node, NOW.plusSeconds(20), false, Role.MASTER, true, "boot-" + node);
    }

    private static NodeHeartbeat stale(String node) {
        return new NodeHeartbeat(node, NOW.minusSeconds(5), true, Role.MEMBER, true, "boot-" + node);
    }

    private static NodeHeartbeat notReady(String node) {
        return new NodeHeartbeat(node, NOW.plusSeconds(20), false, Role.MEMBER, false, "boot-" + node);
    }

    private static NodeHeartbeat claimedTwice(String node) {
        return new NodeHeartbeat(node, NOW.plusSeconds(20), false, Role.MEMBER, true, "boot-" + node,
                "h1 (machine aaaa, boot b1) and h2 (machine bbbb, boot b2)");
    }

    @Test
    void givenANodeClaimedByTwoHosts_itBlocks_andSaysWhichHostsAndWhatToDo() {
        ClusterSnapshot snapshot = snapshot(fresh("a"), claimedTwice("b"), master("c"));

        String line = "b: claimed by two hosts, h1 (machine aaaa, boot b1) and h2 (machine bbbb, boot b2)"
                + " (give one of them its own node=, or stop distreboot on it)";
        assertThat(Planner.claimedTwice(snapshot, List.of("a", "b", "c"))).containsExactly(line);
        assertThat(Planner.blockers(snapshot, List.of("a", "b", "c"), Set.of("b"))).containsExactly(line);
        assertThat(Planner.claimedTwice(snapshot, List.of("a", "c"))).isEmpty();
        assertThat(Planner.preconditions(snapshot)).containsExactly(line);
    }

    private static final Verdict WHOLE = new Verdict(List.of(), 0, false, "c", null, null, null);
    private static final Verdict NOT_WHOLE = new Verdict(List.of("b: heartbeat stale"), 0, false, "c", null, null, null);
    private static final Hold PAUSE = new Hold("paused by ops", null);

    private static RebootStatus threeNodes() {
        return RebootStatus.start("prod", "test", List.of("a", "b", "c"), "c", NOW);
    }

    @Test
    void givenACancel_theStepEndsTheRun_beforeATurnInFlight_aHold_orALook() {
        RebootStatus status = threeNodes().turnOf("a").withNode("a", n -> n.started(NOW)).cancelRequestedBy("ops");

        assertThat(Planner.step(status, null, Optional.of(PAUSE), false, 1).kind()).isEqualTo(Step.Kind.CANCEL);
        assertThat(Planner.step(status, WHOLE, Optional.empty(), true, 2).kind()).isEqualTo(Step.Kind.CANCEL);
    }

    @Test
    void givenATurnInFlight_theStepTakesItUp_evenWhileHeld_theCurrentNodeSerially_everyNodeInFlightInBatches() {
        RebootStatus serial = threeNodes().turnOf("a").withNode("a", n -> n.started(NOW));
        RebootStatus batch = threeNodes().turnOf("a, b").withNode("a", n -> n.started(NOW))
                .withNode("b", n -> n.started(NOW).draining("boot-b"));

        assertThat(Planner.step(serial, null, Optional.of(PAUSE), false, 1))
                .isEqualTo(new Step(Step.Kind.TAKE_UP, List.of("a"), null));
        assertThat(Planner.step(batch, null, Optional.of(PAUSE), true, 2))
                .isEqualTo(new Step(Step.Kind.TAKE_UP, List.of("a", "b"), null));
    }

    @Test
    void givenAHold_theStepWaitsItOut_evenWithTheClusterWhole() {
        assertThat(Planner.step(threeNodes(), WHOLE, Optional.of(PAUSE), false, 1))
                .isEqualTo(new Step(Step.Kind.HOLD, List.of(), PAUSE));
    }

    @Test
    void givenNoLookYetOrAClusterNotWhole_theStepLooksUntilItIsWhole() {
        assertThat(Planner.step(threeNodes(), null, Optional.empty(), false, 1).kind()).isEqualTo(Step.Kind.AWAIT_WHOLE);
        assertThat(Planner.step(threeNodes(), NOT_WHOLE, Optional.empty(), true, 2).kind())
                .isEqualTo(Step.Kind.AWAIT_WHOLE);
    }

    @Test
    void givenAWholeCluster_theStepIsTheNextTurn_oneNodeSerially_theMasterLast_orTheNextBatch() {
        RebootStatus aDone = threeNodes().withNode("a", n -> n.started(NOW).done("boot-a2", NOW));
        RebootStatus grouped = RebootStatus.start("prod", "test", List.of("a-1", "a-2", "b-1"),
                List.of("a", "a", "b"), null, NOW);

        assertThat(Planner.step(threeNodes(), WHOLE, Optional.empty(), false, 1))
                .isEqualTo(new Step(Step.Kind.TURN, List.of("a"), null));
        assertThat(Planner.step(aDone.withNode("b", n -> n.started(NOW).done("boot-b2", NOW)), WHOLE, Optional.empty(),
                false, 1)).isEqualTo(new Step(Step.Kind.TURN, List.of("c"), null));
        assertThat(Planner.step(grouped, new Verdict(List.of(), 0, false, null, null, null, null), Optional.empty(),
                true, 2)).isEqualTo(new Step(Step.Kind.TURN, List.of("a-1", "b-1"), null));
    }

    @Test
    void givenEveryNodeDoneOrDropped_theStepCompletesTheRun() {
        RebootStatus over = threeNodes().withNode("a", n -> n.started(NOW).done("boot-a2", NOW))
                .withNode("b", n -> n.dropped("dropped by ops", NOW)).withNode("c", n -> n.started(NOW).done("x", NOW));

        assertThat(Planner.step(over, WHOLE, Optional.empty(), false, 1).kind()).isEqualTo(Step.Kind.COMPLETE);
        assertThat(Planner.step(over, WHOLE, Optional.empty(), true, 3).kind()).isEqualTo(Step.Kind.COMPLETE);
    }

    private static ClusterSnapshot snapshot(NodeHeartbeat... nodes) {
        return new ClusterSnapshot(NOW, List.of(nodes));
    }

    private static RebootStatus run(List<String> nodes) {
        return RebootStatus.start("prod", "test", nodes, null, NOW);
    }

    @Test
    void givenMasterInTheMiddle_whenOrdered_itComesLastAndTheOthersByName() {
        ClusterSnapshot snapshot = snapshot(fresh("a"), fresh("b"), master("c"), fresh("d"), fresh("e"));

        assertThat(Planner.order(snapshot, List.of("e", "d", "c", "b", "a"))).containsExactly("a", "b", "d", "e", "c");
        assertThat(Planner.master(snapshot, List.of("a", "b", "c", "d", "e"))).contains("c");
    }

    @Test
    void givenMasterMovesMidRun_whenNextStepPlanned_itRebootsTheNewMasterLast() {
        RebootStatus status = run(List.of("a", "b", "d", "e", "c"))
                .withNode("a", n -> n.started(NOW).done("boot-a2", NOW));
        // c was master at the start; now b is.
        ClusterSnapshot snapshot = snapshot(fresh("a"), master("b"), fresh("c"), fresh("d"), fresh("e"));

        assertThat(Planner.next(status, snapshot)).contains("c");
        assertThat(Planner.order(snapshot, status.withState(NodeState.PENDING))).containsExactly("c", "d", "e", "b");
    }

    @Test
    void givenOnlyTheMasterLeft_whenNextStepPlanned_itIsTheMaster() {
        RebootStatus status = run(List.of("a", "b", "c"))
                .withNode("a", n -> n.started(NOW).done("x", NOW))
                .withNode("b", n -> n.started(NOW).done("y", NOW));

        assertThat(Planner.next(status, snapshot(fresh("a"), fresh("b"), master("c")))).contains("c");
    }

    @Test
    void givenNoMaster_whenOrdered_itIsPlainNameOrder() {
        ClusterSnapshot snapshot = snapshot(fresh("b"), fresh("a"), fresh("c"));

        assertThat(Planner.order(snapshot, List.of("c", "a", "b"))).containsExactly("a", "b", "c");
        assertThat(Planner.master(snapshot, List.of("a", "b", "c"))).isEmpty();
    }

    @Test
    void givenDroppedNode_whenNextStepPlanned_itIsSkippedAndDoesNotBlock() {
        RebootStatus status = run(List.of("a", "b", "c"))
                .withNode("a", n -> n.dropped("dropped by ops", NOW));
        ClusterSnapshot snapshot = snapshot(stale("a"), fresh("b"), master("c"));

        assertThat(Planner.next(status, snapshot)).contains("b");
        assertThat(status.members()).containsExactly("b", "c");
        assertThat(Planner.blockers(snapshot, status.members(), Set.of())).isEmpty();
    }

    @Test
    void givenEverythingDoneOrDropped_whenNextStepPlanned_thereIsNone() {
        RebootStatus status = run(List.of("a", "b"))
                .withNode("a", n -> n.dropped("dropped", NOW))
                .withNode("b", n -> n.started(NOW).done("z", NOW));

        assertThat(Planner.next(status, snapshot(fresh("a"), fresh("b")))).isEmpty();
    }

    @Test
    void givenAnyInputOrder_whenOrdered_theResultIsAlwaysTheSame() {
        List<String> names = new ArrayList<>(List.of("node-10", "node-2", "node-1", "alpha", "Zulu", "node-3"));
        ClusterSnapshot snapshot = snapshot(fresh("node-10"), fresh("node-2"), master("node-1"), fresh("alpha"),
                fresh("Zulu"), fresh("node-3"));
        List<String> expected = List.of("Zulu", "alpha", "node-10", "node-2", "node-3", "node-1");
        Random random = new Random(42);

        for (int i = 0; i < 20; i++) {
            Collections.shuffle(names, random);
            assertThat(Planner.order(snapshot, names)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void givenTwoFreshMasters_theyBlockAndBothGoLast() {
        ClusterSnapshot snapshot = snapshot(master("a"), fresh("b"), master("c"));

        assertThat(Planner.preconditions(snapshot)).containsExactly("more than one master: a, c (split brain?)");
        assertThat(Planner.order(snapshot, List.of("a", "b", "c"))).containsExactly("b", "a", "c");
        assertThat(Planner.master(snapshot, List.of("a", "b", "c"))).isEmpty();
    }

    @Test
    void givenStaleOldMasterAndFreshNewOne_onlyTheFreshOneCounts() {
        NodeHeartbeat oldMaster = new NodeHeartbeat("a", NOW.minusSeconds(1), true, Role.MASTER, true, "x");
        ClusterSnapshot snapshot = snapshot(oldMaster, master("b"), fresh("c"));

        assertThat(Planner.master(snapshot, List.of("a", "b", "c"))).contains("b");
    }

    @Test
    void givenStaleAndUnreadyNodes_thePreconditionsNameEachOne() {
        ClusterSnapshot snapshot = snapshot(fresh("a"), stale("b"), notReady("c"), fresh("d"), master("e"));

        assertThat(Planner.preconditions(snapshot)).containsExactly(
                "b: heartbeat stale since 2026-11-21T09:59:55Z (daemon down, node unreachable or rebooting)",
                "c: not ready (its healthcmd fails)");
    }

    @Test
    void givenMajorityDown_thereIsNoQuorum() {
        ClusterSnapshot snapshot = snapshot(fresh("a"), stale("b"), stale("c"));

        assertThat(Planner.preconditions(snapshot))
                .contains("no quorum: only 1 of 3 nodes are fresh and ready");
    }

    @Test
    void givenMemberWithoutHeartbeat_itBlocks() {
        assertThat(Planner.blockers(snapshot(fresh("a"), fresh("b")), List.of("a", "b", "c"), Set.of()))
                .containsExactly("c: no heartbeat (is its distreboot daemon running?)");
    }

    @Test
    void givenNoHealthcmd_readyIsUnknownAndDoesNotBlock() {
        NodeHeartbeat unknown = new NodeHeartbeat("a", NOW.plusSeconds(20), false, null, null, "x");

        assertThat(Planner.preconditions(snapshot(unknown, fresh("b")))).isEmpty();
    }

    @Test
    void givenNoHeartbeatsAtAll_theRebootIsRefused() {
        assertThat(Planner.preconditions(snapshot())).singleElement().asString().startsWith("no node heartbeats");
    }

    @Test
    void givenRebootedNodeJustPassedItsHealthcmd_itsOldNotReadyHeartbeatDoesNotBlock() {
        NodeHeartbeat rebooted = new NodeHeartbeat("a", NOW.plusSeconds(20), false, Role.MEMBER, false, "boot-2");
        ClusterSnapshot snapshot = snapshot(rebooted, fresh("b"), fresh("c"));

        assertThat(Planner.blockers(snapshot, List.of("a", "b", "c"), Set.of("a"))).isEmpty();
        assertThat(Planner.blockers(snapshot, List.of("a", "b", "c"), Set.of())).containsExactly(
                "a: not ready (its healthcmd fails)");
    }

    @Test
    void givenHeartbeats_notBackYetTellsWhetherTheNewDaemonShows() {
        NodeHeartbeat before = new NodeHeartbeat("a", NOW.plusSeconds(20), false, Role.MEMBER, true, "boot-1");
        NodeHeartbeat after = new NodeHeartbeat("a", NOW.plusSeconds(20), false, Role.MEMBER, true, "boot-2");

        assertThat(Planner.notBackYet(snapshot(before), "a", "boot-1"))
                .contains("a: its heartbeat still shows the boot before the reboot");
        assertThat(Planner.notBackYet(snapshot(stale("a")), "a", "boot-1"))
                .contains("a: no fresh heartbeat from its new daemon yet");
        assertThat(Planner.notBackYet(snapshot(), "a", "boot-1")).isPresent();
        assertThat(Planner.notBackYet(snapshot(after), "a", "boot-1")).isEmpty();
    }

    @Test
    void givenDropRequests_onlyPendingOrInFlightNodesOfARunningRebootMayBeDropped() {
        RebootStatus status = run(List.of("a", "b", "c"))
                .withNode("a", n -> n.started(NOW).done("x", NOW))
                .withNode("b", n -> n.started(NOW));

        assertThat(Planner.dropRefusal(status, new DropRequest("b", "ops", null))).isEmpty();
        assertThat(Planner.dropRefusal(status, new DropRequest("c", "ops", "disk"))).isEmpty();
        assertThat(Planner.dropRefusal(status, new DropRequest("z", "ops", null))).contains(new Planner.Refusal(
                "UnknownNode", "unknown node 'z'; the nodes of this reboot are: a, b, c"));
        assertThat(Planner.dropRefusal(status, new DropRequest("a", "ops", null))).contains(new Planner.Refusal(
                "AlreadyFinished", "a is already done"));
        assertThat(Planner.dropRefusal(status, new DropRequest("c", " ", null))).map(Planner.Refusal::type)
                .contains("BadRequest");
        assertThat(Planner.dropRefusal(status.finished(Phase.COMPLETED, null, NOW), new DropRequest("c", "ops", null)))
                .map(Planner.Refusal::type).contains("RunOver");
        assertThat(Planner.dropRefusal(null, new DropRequest("c", "ops", null))).map(Planner.Refusal::type)
                .contains("NotStarted");
    }

    @Test
    void recheckDelayDoublesFromOneSecondUpToThirty() {
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 50).stream().map(Planner::recheckDelay).toList())
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void givenALongWait_itLooksAfterATenthOfTheTimeWaited_atMostFiveMinutes_andNeverPastTheStall() {
        Duration none = Duration.ZERO;
        assertThat(Planner.recheckDelay(2, Duration.ofSeconds(3), none)).as("early: doubling").isEqualTo(Duration.ofSeconds(4));
        assertThat(Planner.recheckDelay(9, Duration.ofMinutes(4), none)).as("a tenth is 24 s").isEqualTo(Duration.ofSeconds(30));
        assertThat(Planner.recheckDelay(12, Duration.ofMinutes(20), none)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Planner.recheckDelay(40, Duration.ofDays(3), none)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Planner.recheckDelay(12, Duration.ofMinutes(20), Duration.ofSeconds(70)))
                .as("the stall is said when reboot.timeout passes").isEqualTo(Duration.ofSeconds(70));
        assertThat(Planner.recheckDelay(12, Duration.ofMinutes(20), Duration.ofSeconds(3)))
                .as("never sooner than the early rhythm").isEqualTo(Duration.ofSeconds(30));
    }
}
