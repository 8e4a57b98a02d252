package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.distreboot.workflow.values.CarriedRun;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.Role;
import org.distreboot.workflow.values.Verdict;
import org.junit.jupiter.api.Test;

/** The compact inputs of the workflow: a verdict of a few lines, and the state a continue-as-new carries. */
class VerdictTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static NodeHeartbeat heartbeat(String node, boolean stale, Role role) {
        return new NodeHeartbeat(node, NOW.plusSeconds(stale ? -5 : 20), stale, role, true, "boot-" + node);
    }

    private static List<String> names(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("node-%05d", i)).toList();
    }

    @Test
    void aWholeCluster_givesAnEmptyVerdictNamingTheMaster() {
        List<NodeHeartbeat> nodes = new ArrayList<>();
        names(1000).forEach(n -> nodes.add(heartbeat(n, false, n.equals("node-00500") ? Role.MASTER : Role.MEMBER)));

        Verdict verdict = Planner.verdict(new ClusterSnapshot(NOW, nodes), names(1000), null, null, null);

        assertThat(verdict.whole()).isTrue();
        assertThat(verdict.master()).isEqualTo("node-00500");
    }

    @Test
    void manyStaleNodes_showTheFirstFiveAndHowManyMore_andNoQuorum() {
        List<NodeHeartbeat> nodes = new ArrayList<>();
        names(11).forEach(n -> nodes.add(heartbeat(n, n.compareTo("node-00005") < 0, Role.MEMBER)));

        Verdict verdict = Planner.verdict(new ClusterSnapshot(NOW, nodes), names(11), null, null, null);

        assertThat(verdict.blockers()).hasSize(Verdict.SHOWN);
        assertThat(verdict.blockers().get(0)).startsWith("node-00000: heartbeat stale");
        assertThat(verdict.moreBlockers()).isZero();
        assertThat(verdict.why()).doesNotContain("more");

        List<NodeHeartbeat> half = new ArrayList<>();
        names(10).forEach(n -> half.add(heartbeat(n, n.compareTo("node-00005") < 0, Role.MEMBER)));
        Verdict noQuorum = Planner.verdict(new ClusterSnapshot(NOW, half), names(10), null, null, null);
        assertThat(noQuorum.moreBlockers()).isEqualTo(1);
        assertThat(noQuorum.why()).endsWith("; and 1 more");
    }

    @Test
    void aDroppedOrUnplannedNode_countsForNothing_andAMissingPlannedOneBlocks() {
        ClusterSnapshot snapshot = new ClusterSnapshot(NOW, List.of(heartbeat("a", false, Role.MEMBER),
                heartbeat("b", true, Role.MEMBER), heartbeat("late", true, Role.MEMBER), heartbeat("c", false,
                        Role.MASTER)));

        assertThat(Planner.verdict(snapshot, List.of("a", "c"), null, null, null).whole()).isTrue();
        assertThat(Planner.verdict(snapshot, List.of("a", "c", "d"), null, null, null).blockers())
                .containsExactly("d: no heartbeat (is its distreboot daemon running?)");
    }

    @Test
    void afterAReboot_theNodeMustShowANewBoot() {
        ClusterSnapshot snapshot = new ClusterSnapshot(NOW, List.of(heartbeat("a", false, Role.MEMBER),
                heartbeat("b", false, Role.MASTER)));

        assertThat(Planner.verdict(snapshot, List.of("a", "b"), "a", "boot-a", null).blockers())
                .containsExactly("a: its heartbeat still shows the boot before the reboot");
        assertThat(Planner.verdict(snapshot, List.of("a", "b"), "a", "boot-old", null).whole()).isTrue();
    }

    @Test
    void theNextNodesBootId_isReadFromItsHeartbeat_onlyWhenFreshAndPostedByOneHost() {
        ClusterSnapshot snapshot = new ClusterSnapshot(NOW, List.of(heartbeat("a", false, Role.MEMBER),
                heartbeat("b", true, Role.MEMBER), heartbeat("c", false, Role.MASTER),
                new NodeHeartbeat("d", NOW.plusSeconds(20), false, Role.MEMBER, true, "boot-d", "h1 and h2")));

        Verdict ofA = Planner.verdict(snapshot, List.of("a", "b", "c", "d"), null, null, "a");
        assertThat(ofA.next()).isEqualTo("a");
        assertThat(ofA.nextBootId()).isEqualTo("boot-a");
        assertThat(Planner.verdict(snapshot, List.of("a", "b", "c", "d"), null, null, "b").nextBootId())
                .as("stale: its daemon may be gone with the boot").isNull();
        assertThat(Planner.verdict(snapshot, List.of("a", "b", "c", "d"), null, null, "d").nextBootId())
                .as("claimed by two hosts").isNull();
        assertThat(Planner.verdict(snapshot, List.of("a", "c"), null, null, null).nextBootId()).isNull();
    }

    @Test
    void theNextNode_isByName_withTheMasterLast() {
        RebootStatus status = RebootStatus.start("c", "me", List.of("a", "b", "c", "d"), "d", NOW)
                .withNode("a", n -> n.done("x", NOW));

        assertThat(Planner.order(List.of("d", "c", "b"), "b")).containsExactly("c", "d", "b");
        assertThat(Planner.next(status, "b")).contains("c");
        assertThat(Planner.next(status, (String) null)).contains("b");
    }

    @Test
    void theCarriedState_growsWithTheNamesOnly_compressed_andKeepsWhatTheRunStillNeeds() {
        List<String> order = names(10_000);
        RebootStatus status = RebootStatus.start("fleet", "me", order, "node-09999", NOW);
        for (String done : order.subList(0, 5_000)) {
            status = status.withNode(done, n -> n.started(NOW).draining("b1").done("b2", NOW.plusSeconds(9)));
        }
        status = status.withNode("node-05000", n -> n.started(NOW).draining("before")).turnOf("node-05000")
                .withNode("node-05000", n -> n.in(NodeState.REJOINING))
                .withNode("node-05001", n -> n.dropped("dropped by me", NOW)).stalled("node-05000 is not back");

        CarriedRun carried = CarriedRun.of("run-1", status);
        RebootStatus again = carried.status();

        assertThat(carried.details()).hasSize(2);
        assertThat(carried.order()).hasSize(10_000);
        assertThat(carried.names().length() + carried.states().length()).as("deflated").isLessThan(40_000);
        assertThat(again.order()).isEqualTo(status.order());
        assertThat(again.nodes().stream().map(n -> n.state()).toList())
                .isEqualTo(status.nodes().stream().map(n -> n.state()).toList());
        assertThat(again.node("node-05000")).isEqualTo(status.node("node-05000"));
        assertThat(again.node("node-05001")).isEqualTo(status.node("node-05001"));
        assertThat(again.withNodes(List.of())).isEqualTo(status.withNodes(List.of()));
        assertThat(again.node("node-00000").orElseThrow().bootIdAfter()).as("kept in the history that did it").isNull();
    }
}
