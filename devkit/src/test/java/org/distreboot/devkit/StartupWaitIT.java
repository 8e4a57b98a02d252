package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A daemon started before Temporal and PostgreSQL (the usual case at boot) waits for them,
 * says what it waits for, and heartbeats as soon as both answer: no exit, no stack trace.
 */
class StartupWaitIT {
    private static final Duration SERVICES_LATE_BY = Duration.ofSeconds(20);
    /** Each test's cluster: its processes and files go when the test ends, however it ends. */
    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenNeitherServiceIsUp_theDaemonWaitsAndSaysSo_andIsFreshSoonAfterBothComeUp() throws Exception {
        cluster = E2eCluster.prepare("waiting", LocalCluster.Options.defaults().withNodes(1));
        long started = System.nanoTime();
        Process daemon = cluster.startDaemon("node-a");

        JsonNode waiting = cluster.awaitDaemonStatus("node-a", s -> "waiting".equals(s.path("state").asText()),
                Duration.ofSeconds(30));
        assertThat(waiting.path("waitingFor").asText()).contains(
                "waiting for Temporal at " + cluster.temporal().target() + ": connection refused",
                "PostgreSQL at " + cluster.postgres().jdbcUrl("distreboot") + ": connection refused", "; next try in ");
        CliResult status = cluster.cli("node-a");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(3);
        assertThat(status.out()).contains("daemon: running (pid " + cluster.daemonPid("node-a").orElseThrow()
                + "), waiting for Temporal at " + cluster.temporal().target() + ": connection refused");
        assertThat(status.errLines()).singleElement().asString().contains("unreachable");

        Thread.sleep(Math.max(0, SERVICES_LATE_BY.toMillis() - (System.nanoTime() - started) / 1_000_000));
        assertThat(daemon.isAlive()).as("the daemon waits, it does not exit").isTrue();
        cluster.startServices();

        cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes"))
                .anyMatch(n -> n.path("node").asText().equals("node-a") && !n.path("stale").asBoolean()),
                Duration.ofSeconds(60));
        JsonNode running = cluster.awaitDaemonStatus("node-a", s -> "running".equals(s.path("state").asText()),
                Duration.ofSeconds(10));
        assertThat(running.path("temporalConnected").asBoolean()).isTrue();
        assertThat(daemon.isAlive()).as("the same daemon, never restarted").isTrue();
        String log = Files.readString(cluster.dir("node-a").resolve("daemon.log"));
        List<String> waitLines = log.lines().filter(line -> line.contains("waiting for")).toList();
        assertThat(waitLines).as(log).isNotEmpty().doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(3);
        assertThat(log).as("one line per event, no stack trace").doesNotContain("\tat ", "Exception");
        assertThat(log).contains("Temporal at " + cluster.temporal().target() + " and PostgreSQL at "
                + cluster.postgres().jdbcUrl("distreboot") + " answer");
    }
}
