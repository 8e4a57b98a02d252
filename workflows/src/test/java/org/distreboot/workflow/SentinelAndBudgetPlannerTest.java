package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.Role;
import org.distreboot.workflow.values.Verdict;
import org.junit.jupiter.api.Test;

/** The Planner's decisions for the sentinel (who needs a reboot) and reboot.max-failed (who may be down). */
class SentinelAndBudgetPlannerTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");

    private static NodeHeartbeat fresh(String node, Boolean rebootRequired) {
        return new NodeHeartbeat(node, NOW.plusSeconds(20), false, Role.MEMBER, true, "boot-" + node, null, null,
                rebootRequired);
    }

    private static NodeHeartbeat stale(String node) {
        return new NodeHeartbeat(node, NOW.minusSeconds(5), true, Role.MEMBER, true, "boot-" + node);
    }

    private static ClusterSnapshot snapshot(NodeHeartbeat... nodes) {
        return new ClusterSnapshot(NOW, List.of(nodes));
    }

    @Test
    void givenSentinels_onlyTheNodesWhoseDaemonSaysItIsNotThereAreSkipped_inPlanOrder() {
        ClusterSnapshot snapshot = snapshot(fresh("a", true), fresh("b", false), fresh("c", null), fresh("e", false));

        assertThat(Planner.noSentinel(snapshot, List.of("e", "a", "b", "c", "d"))).containsExactly("e", "b");
    }

    @Test
    void givenSkippedNodes_theyGetNoTurn_butStayMembers() {
        RebootStatus status = RebootStatus.start("prod", "test", FIVE, "e", NOW).skipping(List.of("b", "d"));

        assertThat(status.withState(NodeState.SKIPPED)).containsExactly("b", "d");
        assertThat(Planner.next(status, "e")).contains("a");
        assertThat(Planner.next(status.withNode("a", n -> n.done("x", NOW)).withNode("c", n -> n.done("y", NOW)),
                "e")).contains("e");
        assertThat(status.members()).containsExactlyElementsOf(FIVE);
        assertThat(Planner.blockers(snapshot(fresh("a", true), stale("b"), fresh("c", true)), List.of("a", "b", "c"),
                Set.of())).as("a skipped node must be up like any other").containsExactly(
                "b: heartbeat stale since 2026-12-03T09:59:55Z (daemon down, node unreachable or rebooting)");
    }

    @Test
    void givenARebootedNodeBackWithItsSentinel_theVerdictSaysSo_andNotBeforeItIsBack() {
        ClusterSnapshot sentinelOnA = snapshot(fresh("a", true), fresh("b", null), fresh("c", null));

        assertThat(Planner.verdict(sentinelOnA, List.of("a", "b", "c"), "a", "old-boot", "b").sentinelAgain())
                .as("back on a new boot").isTrue();
        assertThat(Planner.verdict(sentinelOnA, List.of("a", "b", "c"), "a", "boot-a", "b").sentinelAgain())
                .as("still on the boot before").isFalse();
        assertThat(Planner.verdict(snapshot(fresh("a", false), fresh("b", null), fresh("c", null)),
                List.of("a", "b", "c"), "a", "old-boot", "b").sentinelAgain()).isFalse();
    }

    @Test
    void givenAFailedNodeDown_itBlocksNothingItself_butCountsForQuorumAsDown() {
        ClusterSnapshot snapshot = snapshot(stale("a"), fresh("b", null), fresh("c", null), fresh("d", null),
                fresh("e", null));

        assertThat(Planner.blockers(snapshot, FIVE, Set.of(), Set.of("a"), true)).isEmpty();
        assertThat(Planner.blockers(snapshot, FIVE, Set.of(), Set.of(), true)).hasSize(1);
    }

    @Test
    void givenAFailedNodeDownInThree_noNextNodeMayGoDown_butTheRunMayEndWithNoneLeft() {
        ClusterSnapshot snapshot = snapshot(stale("a"), fresh("b", null), fresh("c", null));
        List<String> three = List.of("a", "b", "c");

        assertThat(Planner.blockers(snapshot, three, Set.of(), Set.of("a"), true)).containsExactly(
                "no quorum to spare: 2 of 3 nodes are up, 1 failed (reboot.max-failed) and down; one more reboot would"
                        + " lose quorum (bring the failed back, or --drop them)");
        assertThat(Planner.blockers(snapshot, three, Set.of(), Set.of("a"), false)).isEmpty();
        Verdict between = Planner.verdict(snapshot, three, null, null, "b", Set.of("a"));
        assertThat(between.whole()).isFalse();
        assertThat(Planner.verdict(snapshot, three, null, null, null, Set.of("a")).whole()).isTrue();
    }

    @Test
    void givenAFailedNodeBack_itCountsAsUpAgain() {
        ClusterSnapshot snapshot = snapshot(fresh("a", null), fresh("b", null), fresh("c", null));

        assertThat(Planner.blockers(snapshot, List.of("a", "b", "c"), Set.of(), Set.of("a"), true)).isEmpty();
    }

    @Test
    void givenAFailedOrASkippedNode_itMayBeDropped_soThatItStopsCounting_butADoneOneMayNot() {
        RebootStatus status = RebootStatus.start("prod", "test", FIVE, "e", NOW).skipping(List.of("d"))
                .withNode("a", n -> n.done("x", NOW)).withNode("b", n -> n.failed("not back", NOW));

        assertThat(Planner.dropRefusal(status, new DropRequest("b", "ops", null))).isEmpty();
        assertThat(Planner.dropRefusal(status, new DropRequest("d", "ops", null))).isEmpty();
        assertThat(Planner.dropRefusal(status, new DropRequest("a", "ops", null)))
                .hasValueSatisfying(refusal -> assertThat(refusal.message()).isEqualTo("a is already done"));
    }

    @Test
    void givenABudget_oneMoreMayFailOnlyWhileFewerHaveFailed() {
        RebootStatus none = RebootStatus.start("prod", "test", FIVE, "e", NOW);
        RebootStatus one = none.withNode("b", n -> n.failed("not back", NOW));

        assertThat(Planner.mayFail(none, 0)).isFalse();
        assertThat(Planner.mayFail(none, 1)).isTrue();
        assertThat(Planner.mayFail(one, 1)).isFalse();
        assertThat(Planner.mayFail(one, 2)).isTrue();
    }
}
