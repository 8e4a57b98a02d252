package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a rolling restart of a live quorum cluster with its recipes must show: the least
 * disruption. How long writes waited is the benchmark's to tell (bench/disruption), not a test's.
 */
final class LeastDisruption {
    private LeastDisruption() {
    }

    /** Runs the rolling restart with the drain recipe and checks it, printing the benchmark's line. */
    static RollingRestart.Result check(LiveCluster system) throws Exception {
        RollingRestart.Result result = RollingRestart.run(system.system(), system,
                RollingRestart.recipes(system.recipes()), true);
        System.out.println(result.line());
        assertThat(result.rebootOrder()).hasSize(3).containsExactlyInAnyOrder("node-a", "node-b", "node-c");
        assertThat(result.rebootOrder().get(2)).as("the member that led when the run started goes last")
                .isEqualTo(result.initialLeader());
        assertThat(result.written()).isPositive();
        assertThat(result.lost()).as("acknowledged writes the cluster no longer holds").isEmpty();
        assertThat(result.leaderChanges()).as("leaders seen: %s", result.leaders()).isEqualTo(1);
        assertThat(result.leaderMovedBeforeItsReboot()).as("draincmd handed the leadership over before the reboot")
                .isTrue();
        return result;
    }
}
