package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
        cluster.temporal().start();
        cluster.awaitDaemonStatus("node-a", s -> s.path("temporalConnected").asBoolean(), PATIENCE);

        assertThat(cluster.daemonPid("node-a")).contains(pid);
        // The workers poll the new service too: a whole distributed reboot runs on it.
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-b");
    }
}
