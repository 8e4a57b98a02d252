package org.distreboot.devkit.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The campaign's checks find each kind of violation, and pass a clean run: they can fail. */
class InvariantsTest {
    private static final List<String> NODES = List.of("a", "b", "c");

    private static RunRecord run(Map<String, List<Long>> reboots, Map<String, List<Long>> starts, String outcome,
                                 List<String> done, List<String> dropped, Long cancelledAt, boolean cancelPlanned) {
        return new RunRecord(NODES, "c", reboots, starts, outcome, outcome.equals("STALLED") ? "" : null, done,
                dropped, cancelledAt, cancelPlanned);
    }

    private static Map<String, List<Long>> times(List<Long> a, List<Long> b, List<Long> c) {
        Map<String, List<Long>> times = new LinkedHashMap<>();
        times.put("a", a);
        times.put("b", b);
        times.put("c", c);
        return times;
    }

    private static final Map<String, List<Long>> CLEAN_REBOOTS = times(List.of(100L), List.of(200L), List.of(300L));
    private static final Map<String, List<Long>> CLEAN_STARTS = times(List.of(150L), List.of(250L), List.of(350L));

    @Test
    void aCleanRun_hasNoViolation() {
        assertThat(Invariants.check(run(CLEAN_REBOOTS, CLEAN_STARTS, "COMPLETED", NODES, List.of(), null, false))).isEmpty();
    }

    @Test
    void eachBrokenRuleIsNamed() {
        assertThat(Invariants.check(run(times(List.of(100L, 400L), List.of(200L), List.of(300L)), times(List.of(150L, 450L),
                List.of(250L), List.of(350L)), "COMPLETED", NODES, List.of(), null, false)))
                .contains("a rebooted 2 times", "a is done but rebooted 2 times", "master c rebooted before a");
        assertThat(Invariants.check(run(times(List.of(100L), List.of(), List.of(300L)), CLEAN_STARTS, "COMPLETED",
                List.of("a", "c"), List.of(), null, false))).containsExactly("b never rebooted, yet the run COMPLETED");
        assertThat(Invariants.check(run(times(List.of(100L), List.of(140L), List.of(300L)), CLEAN_STARTS, "COMPLETED",
                NODES, List.of(), null, false))).containsExactly("a and b down at once");
        assertThat(Invariants.check(run(times(List.of(100L), List.of(140L), List.of(300L)), CLEAN_STARTS, "COMPLETED",
                List.of("a", "c"), List.of("b"), null, false))).as("a dropped node is no member").isEmpty();
        assertThat(Invariants.check(run(times(List.of(100L), List.of(), List.of()), times(List.of(), List.of(), List.of()),
                "RUNNING", List.of(), List.of(), null, false))).containsExactly("ended RUNNING");
        assertThat(Invariants.check(run(CLEAN_REBOOTS, CLEAN_STARTS, "STALLED", NODES, List.of(), null, false)))
                .containsExactly("STALLED without a reason");
        assertThat(Invariants.check(run(CLEAN_REBOOTS, CLEAN_STARTS, "CANCELLED", NODES, List.of(), null, false)))
                .containsExactly("CANCELLED with no --cancel");
        assertThat(Invariants.check(run(CLEAN_REBOOTS, CLEAN_STARTS, "COMPLETED", NODES, List.of(), 120L, true)))
                .containsExactly("2 reboots after the cancel was accepted (at most the node in flight)",
                        "a --cancel was accepted, yet the run ended COMPLETED");
    }

    @Test
    void aSeedAlwaysDrawsTheSameFaults_andEveryRunHasOneToThree() {
        List<String> order = List.of("node-a", "node-c", "node-d", "node-e", "node-b");
        for (long seed = 0; seed < 200; seed++) {
            FaultPlan plan = FaultPlan.draw(seed, order);
            assertThat(FaultPlan.draw(seed, order)).isEqualTo(plan);
            assertThat(plan.faults()).hasSizeBetween(1, 3);
        }
    }
}
