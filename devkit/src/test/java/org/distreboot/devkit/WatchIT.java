package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * `distreboot --watch` follows a real run from a node that is not rebooting it, away from a
 * terminal (a line per change), through a PostgreSQL outage, to the run's end and its exit code.
 */
class WatchIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenARun_theWatchPrintsEachChangeInOrder_goesOnThroughAnOutage_andExitsZeroWhenItCompletes()
            throws Exception {
        cluster = E2eCluster.create("watched", LocalCluster.Options.defaults().withNodes(3)
                .withRebootDelay(Duration.ofSeconds(3)));
        cluster.startDaemons();
        CliResult nothing = cluster.cli("node-b", "--watch");
        assertThat(nothing.exitCode()).as(nothing.toString()).isEqualTo(1);
        assertThat(nothing.errLines()).singleElement().asString()
                .isEqualTo("distreboot: no distributed reboot of cluster watched to watch (start one with distreboot --reboot)");

        assertThat(cluster.cli("node-a", "--reboot").exitCode()).isZero();
        // Polled once a second, a state that lasts less (DRAINING and REBOOTING, here) may not show;
        // REJOINING lasts the 3 s reboot at least.
        try (E2eCluster.RunningCli watch = cluster.startCli("node-b", "--watch")) {
            // Once node-a is back, PostgreSQL goes away until the watch has said so (a fixed outage could
            // fall between two of its looks on a busy machine), and the watch goes on.
            cluster.awaitStatus(s -> s.path("reboot").path("done").size() == 1, PATIENCE);
            cluster.postgres().stop();
            watch.awaitSaid("PostgreSQL at jdbc:postgresql:", PATIENCE);
            cluster.postgres().start();
            CliResult watched = watch.await(PATIENCE);

            assertThat(watched.exitCode()).as(watched.toString()).isZero();
            assertThat(watched.err()).isEmpty();
            List<String> lines = watched.out().lines().map(line -> line.substring(line.indexOf("  ") + 2)).toList();
            List<String> events = lines.stream().map(line -> line.replaceFirst(":.*", "")).toList();
            assertThat(events).as(watched.out()).containsSubsequence(
                    "node-a  DONE", "node-c  REJOINING", "node-c  DONE", "node-b  REJOINING", "node-b  DONE",
                    "run  COMPLETED");
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("PostgreSQL at jdbc:postgresql:")
                    .contains("unreachable", "asked again every 1s"));
            assertThat(events).containsSubsequence("PostgreSQL answers again", "run  COMPLETED");
            assertThat(lines).filteredOn(line -> line.startsWith("node-c  DONE")).singleElement().asString()
                    .matches("node-c  DONE: turn \\d+s, boot \\S+ -> \\S+");
        }
    }
}
