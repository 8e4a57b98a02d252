package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Predicate;
import org.distreboot.db.NodeHeartbeatRow;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The daemon outlives PostgreSQL and Temporal going away, and picks up again when they return. */
class OutageIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Each test's cluster: its processes and files go when the test ends, however it ends. */
    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenPostgresAndThenTemporalGoAwayAndComeBack_theDaemonKeepsRunningAndReconnects() throws Exception {
        cluster = E2eCluster.create("outage", LocalCluster.Options.defaults().withNodes(2));
        cluster.startDaemons();
        long pid = cluster.daemonPid("node-a").orElseThrow();

        cluster.postgres().stop();
        cluster.awaitDaemonStatus("node-a", s -> !s.path("postgresConnected").asBoolean(), PATIENCE);
        CliResult unreachable = cluster.cli("node-a");
        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.errLines()).singleElement().asString().contains("PostgreSQL at", "unreachable");
        cluster.postgres().start();
        cluster.awaitDaemonStatus("node-a", s -> s.path("postgresConnected").asBoolean(), PATIENCE);
        cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes")).noneMatch(n -> n.path("stale").asBoolean()), PATIENCE);

        cluster.temporal().stop();
        cluster.awaitDaemonStatus("node-a", s -> !s.path("temporalConnected").asBoolean(), PATIENCE);
        assertThat(cluster.cli("node-a", "--dry-run").exitCode()).isEqualTo(3);
        // Each daemon's heartbeat says it: Temporal does not answer it, and its polls stopped.
        NodeHeartbeatRow cut = awaitHeartbeat("node-a", row -> Boolean.FALSE.equals(row.heartbeat().temporalConnected()));
        assertThat(cut.polledAt()).isNotNull();
        cluster.temporal().start();
        cluster.awaitDaemonStatus("node-a", s -> s.path("temporalConnected").asBoolean(), PATIENCE);
        NodeHeartbeatRow back = awaitHeartbeat("node-a", row -> Boolean.TRUE.equals(row.heartbeat().temporalConnected())
                && row.polledAt() != null && row.polledAt().isAfter(cut.postedAt()));
        CliResult status = cluster.cli("node-b");
        assertThat(status.out().lines().filter(line -> line.startsWith("node-a ")))
                .singleElement().asString().containsPattern("  ok, polled \\d+s ago  ");

        assertThat(cluster.daemonPid("node-a")).contains(pid);
        // The workers poll the new service too: a whole distributed reboot runs on it.
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-b");
    }

    private NodeHeartbeatRow awaitHeartbeat(String node, Predicate<NodeHeartbeatRow> until) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        NodeHeartbeatRow row = null;
        while (System.nanoTime() < deadline) {
            row = cluster.heartbeats().node(node).orElse(null);
            if (row != null && until.test(row)) {
                return row;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the heartbeat of " + node + " never matched; last: " + row);
    }
}
