package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.Notice;
import org.distreboot.workflow.values.Pause;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.Test;

/** Which change of a run's status is told to the webhook, and how: {@link Notice#between}, pure. */
class NoticeTest {
    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    private static final RebootStatus START = RebootStatus.start("prod", "alice@a", List.of("node-a", "node-b", "node-c"),
            "node-c", AT);

    private static List<String> told(RebootStatus before, RebootStatus after) {
        return Notice.between(before, after, AT).stream()
                .map(n -> n.event() + (n.node() == null ? "" : " " + n.node()) + " " + n.state()
                        + (n.reason() == null ? "" : ": " + n.reason()))
                .toList();
    }

    @Test
    void theStartEachNodesRebootAndReturn_andTheEndAreTold_butNotTheStepsBetween() {
        RebootStatus draining = START.withNode("node-a", n -> n.started(AT).draining("boot-1")).turnOf("node-a");
        RebootStatus rejoining = draining.withNode("node-a", n -> n.in(NodeState.REJOINING));
        RebootStatus back = rejoining.withNode("node-a", n -> n.done("boot-2", AT)).turnOf(null);

        assertThat(told(null, START)).containsExactly("run-started RUNNING: requested by alice@a, 3 nodes");
        assertThat(told(START, draining)).isEmpty();
        assertThat(told(draining, rejoining)).containsExactly("node-rebooting node-a REJOINING");
        assertThat(told(rejoining, rejoining.withNode("node-a", n -> n.in(NodeState.REBOOTING)))).isEmpty();
        assertThat(told(rejoining, back)).containsExactly("node-back node-a DONE");
        assertThat(told(back, back.waiting("the next node's turn"))).isEmpty();
        assertThat(told(back, back.finished(Phase.COMPLETED, null, AT))).containsExactly("run-finished COMPLETED");
    }

    @Test
    void aStallAFailureADropAPauseAndACancel_areToldWithWhy() {
        RebootStatus rejoining = START.withNode("node-a", n -> n.started(AT).draining("boot-1").in(NodeState.REJOINING))
                .turnOf("node-a");
        RebootStatus stalled = rejoining.stalled("node-a is not back after 30m");
        RebootStatus failed = rejoining.withNode("node-a", n -> n.failed("not back after 30m (failed 1 of 1)", AT));
        RebootStatus dropped = stalled.withNode("node-a", n -> n.dropped("dropped by bob@b", AT)).running();
        RebootStatus paused = START.pausedBy(new Pause("bob@b", AT, "change freeze"));

        assertThat(told(rejoining, stalled)).containsExactly("run-stalled node-a STALLED: node-a is not back after 30m");
        assertThat(told(stalled, stalled.waiting("the operator"))).isEmpty();
        assertThat(told(rejoining, failed)).containsExactly("node-failed node-a FAILED: not back after 30m (failed 1 of 1)");
        assertThat(told(stalled, dropped)).containsExactly("node-dropped node-a DROPPED: dropped by bob@b");
        assertThat(told(START, paused)).containsExactly("run-paused RUNNING: by bob@b: change freeze");
        assertThat(told(paused, paused.resumed())).containsExactly("run-resumed RUNNING");
        assertThat(told(paused, paused.finished(Phase.CANCELLED, "cancelled by bob@b", AT)))
                .containsExactly("run-finished CANCELLED: cancelled by bob@b");
    }

    @Test
    void nodesReorderedBetweenTwoStatuses_areComparedByName() {
        RebootStatus reordered = START.planned(List.of("node-b", "node-a", "node-c"), "node-c");

        assertThat(reordered.order()).containsExactly("node-b", "node-a", "node-c");
        assertThat(told(START, reordered)).isEmpty();
        assertThat(told(START, reordered.withNode("node-a", n -> n.done("boot-2", AT))))
                .containsExactly("node-back node-a DONE");
    }
}
