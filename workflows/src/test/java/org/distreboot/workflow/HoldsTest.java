package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.distreboot.workflow.values.Hold;
import org.distreboot.workflow.values.Pause;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.Test;

/** The operator's holds as pure decisions: reboot.grace before the first node, reboot.settle after each. */
class HoldsTest {
    private static final Instant START = Instant.parse("2026-12-03T22:00:00Z");
    private static final RebootStatus NEW_RUN = RebootStatus.start("c", "me", List.of("a", "b", "c"), "c", START);

    @Test
    void aGrace_holdsTheFirstNodeUntilItEnds_andSaysACancelRebootsNothing() {
        Duration grace = Duration.ofSeconds(60);

        Hold hold = Holds.grace(NEW_RUN, grace, START.plusSeconds(15)).orElseThrow();

        assertThat(hold.until()).isEqualTo(START.plusSeconds(60));
        assertThat(hold.why()).isEqualTo("the grace of 1m (reboot.grace): the first node's turn at"
                + " 2026-12-03T22:01:00Z; distreboot --cancel before then reboots nothing");
        assertThat(Holds.grace(NEW_RUN, grace, START.plusSeconds(60))).as("over").isEmpty();
        assertThat(Holds.grace(NEW_RUN, null, START)).as("none set").isEmpty();
    }

    @Test
    void aGrace_isOverOnceANodesTurnBegan_evenBeforeItsTime_butNotForADroppedNode() {
        Duration grace = Duration.ofMinutes(5);
        RebootStatus started = NEW_RUN.withNode("a", n -> n.started(START));
        RebootStatus dropped = NEW_RUN.withNode("b", n -> n.dropped("dropped by me", START));

        assertThat(Holds.grace(started, grace, START.plusSeconds(1))).isEmpty();
        assertThat(Holds.grace(dropped, grace, START.plusSeconds(1))).isPresent();
    }

    @Test
    void aPause_holdsTheNextTurnUntilResumed_sayingWhoAndWhen_butNotTheEndOfARunWithNoNodeLeft() {
        RebootStatus paused = NEW_RUN.pausedBy(new Pause("alice", START.plusSeconds(5), "change freeze"));
        RebootStatus allDone = paused;
        for (String node : List.of("a", "b", "c")) {
            allDone = allDone.withNode(node, n -> n.started(START).draining("1").done("2", START));
        }

        Hold hold = Holds.paused(paused).orElseThrow();

        assertThat(hold.until()).as("only --resume ends it").isNull();
        assertThat(hold.why()).isEqualTo("--resume: paused by alice at 2026-12-03T22:00:05Z (change freeze);"
                + " the next node's turn waits for distreboot --resume");
        assertThat(Holds.paused(paused.resumed())).isEmpty();
        assertThat(Holds.paused(allDone)).isEmpty();
    }

    @Test
    void aSettle_holdsTheNextTurnUntilItEndsAfterTheLastNodeBack() {
        Duration settle = Duration.ofSeconds(30);
        RebootStatus batch = NEW_RUN.withNode("a", n -> n.started(START).draining("1").done("2", START.plusSeconds(40)))
                .withNode("b", n -> n.started(START).draining("1").done("2", START.plusSeconds(50)));

        Hold hold = Holds.settle(batch, List.of("a", "b"), settle, START.plusSeconds(60)).orElseThrow();

        assertThat(hold.until()).isEqualTo(START.plusSeconds(80));
        assertThat(hold.why()).isEqualTo("the settle of 30s (reboot.settle): b is back since 2026-12-03T22:00:50Z,"
                + " the next node's turn at 2026-12-03T22:01:20Z");
        assertThat(Holds.settle(batch, List.of("a", "b"), settle, START.plusSeconds(80))).as("over").isEmpty();
        assertThat(Holds.settle(batch, List.of("a", "b"), null, START.plusSeconds(60))).as("none set").isEmpty();
    }

    @Test
    void aSettle_hasNothingToWaitFor_afterTheLastNode_aDroppedOne_orOneDoneInAnEarlierRunOfTheChain() {
        Duration settle = Duration.ofSeconds(30);
        RebootStatus dropped = NEW_RUN.withNode("a", n -> n.started(START).dropped("dropped by me", START));
        // as a continue-as-new carries a done node: its state, not its times
        RebootStatus doneBefore = RebootStatus.read("c", "me", START, NEW_RUN.phase(), List.of(), null, "c", null,
                null, null, null, NEW_RUN.withNode("a", n -> n.started(START).draining("1").done("2", START))
                        .asResult().packed(), null, null);

        RebootStatus allDone = NEW_RUN;
        for (String node : List.of("a", "b", "c")) {
            allDone = allDone.withNode(node, n -> n.started(START).draining("1").done("2", START));
        }

        assertThat(Holds.settle(allDone, List.of("c"), settle, START.plusSeconds(1))).as("no next node").isEmpty();
        assertThat(Holds.settle(dropped, List.of("a"), settle, START.plusSeconds(1))).isEmpty();
        assertThat(Holds.settle(doneBefore, List.of("a"), settle, START.plusSeconds(1))).isEmpty();
    }
}
