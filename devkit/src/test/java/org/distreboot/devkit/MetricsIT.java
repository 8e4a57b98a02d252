package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * metrics.listen with real daemons: each serves /metrics in Prometheus' text format, and its
 * figures move with what happens: a PostgreSQL outage, the commands it runs, a whole run (its
 * phase, its rebooted nodes), each node's rejoin, and the Temporal SDK's own counters.
 */
class MetricsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AutoClose
    private E2eCluster cluster;
    private final Map<String, Integer> ports = new HashMap<>();

    @Test
    void givenMetricsListen_eachDaemonServesFiguresThatMoveWithTheRun() throws Exception {
        cluster = E2eCluster.create("metered", LocalCluster.Options.defaults());
        // node-a's blockcmd holds the run before its first node until the test lets it go: the pause
        // surely comes first (a grace of 10 s raced it, a timer against a signal).
        Path held = cluster.dir("node-a").resolve("held");
        Files.writeString(held, "");
        for (String node : cluster.nodes) {
            ports.put(node, freePort());
            cluster.setProperties(node, node.equals("node-a")
                    ? Map.of("metrics.listen", "127.0.0.1:" + ports.get(node), "blockcmd", "test ! -f " + held)
                    : Map.of("metrics.listen", "127.0.0.1:" + ports.get(node)));
        }
        cluster.startDaemons();

        // Before any run: connected, beating, checking, and no run to tell of.
        Scrape before = awaitScrape("node-b", s -> s.value("distreboot_temporal_connected") == 1
                && s.value("distreboot_run_phase", "phase", "RUNNING") == 0 && s.value("distreboot_poll_age_seconds") >= 0
                && s.value("temporal_long_request_total", "operation", "PollActivityTaskQueue") > 0);
        assertThat(before.value("distreboot_postgres_connected")).isEqualTo(1);
        assertThat(before.value("distreboot_heartbeat_age_seconds")).isBetween(0.0, 5.0);
        assertThat(before.value("distreboot_heartbeat_post_failures_total")).isZero();
        assertThat(before.value("distreboot_poll_age_seconds")).isBetween(0.0, 5.0);
        assertThat(before.value("distreboot_command_seconds_count", "command", "healthcmd", "exit", "0")).isPositive();
        assertThat(before.value("distreboot_command_seconds_count", "command", "mastercmd", "exit", "0")).isPositive();
        assertThat(before.value("distreboot_run_nodes")).isZero();
        assertThat(before.text()).contains("cluster=\"metered\"", "node=\"node-b\"",
                "# TYPE distreboot_command_seconds histogram");
        double polls = before.value("temporal_long_request_total", "operation", "PollActivityTaskQueue");

        // PostgreSQL away: the heartbeats fail, counted; back: connected again.
        cluster.postgres().stop();
        Scrape away = awaitScrape("node-b", s -> s.value("distreboot_postgres_connected") == 0);
        assertThat(away.value("distreboot_heartbeat_post_failures_total")).isPositive();
        cluster.postgres().start();
        awaitScrape("node-b", s -> s.value("distreboot_postgres_connected") == 1);
        // Every daemon's heartbeat must be in again before a run can start: the command line refuses a stale one.
        cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes")).noneMatch(n -> n.path("stale").asBoolean()), PATIENCE);

        // A run, held by node-a's blockcmd and paused: no node starts, so the same daemon tells it under way
        // (and paused), and has checked and polled more.
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        CliResult pause = cluster.cli("node-c", "--pause");
        assertThat(pause.exitCode()).as(pause.toString()).isZero();
        Scrape during = awaitScrape("node-b", s -> s.value("distreboot_run_phase", "phase", "RUNNING") == 1
                && s.value("distreboot_run_paused") == 1
                && s.value("temporal_long_request_total", "operation", "PollActivityTaskQueue") > polls);
        assertThat(during.value("process_start_time_seconds")).isEqualTo(before.value("process_start_time_seconds"));
        assertThat(during.value("distreboot_run_nodes")).isEqualTo(3);
        assertThat(during.value("distreboot_run_rebooted")).isZero();
        assertThat(during.value("distreboot_command_seconds_count", "command", "healthcmd", "exit", "0"))
                .isGreaterThan(before.value("distreboot_command_seconds_count", "command", "healthcmd", "exit", "0"));
        Files.delete(held);
        CliResult resume = cluster.cli("node-c", "--resume");
        assertThat(resume.exitCode()).as(resume.toString()).isZero();
        cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);

        // Each node's new daemon timed its rejoin, and tells the run's end.
        for (String node : cluster.nodes) {
            Scrape after = awaitScrape(node, s -> s.value("distreboot_run_phase", "phase", "COMPLETED") == 1);
            assertThat(after.value("distreboot_run_rebooted")).as(node).isEqualTo(3);
            assertThat(after.value("distreboot_rejoin_seconds_count")).as(node).isEqualTo(1);
            assertThat(after.value("distreboot_rejoin_seconds_sum")).as(node).isBetween(0.5, 60.0);
        }
    }

    private Scrape awaitScrape(String node, Predicate<Scrape> until) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Optional<Scrape> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = scrape(node);
            if (last.isPresent() && until.test(last.get())) {
                return last.get();
            }
            Thread.sleep(250);
        }
        Path dump = Files.writeString(Path.of("target", "metrics-" + node + ".txt"),
                last.map(Scrape::text).orElse("(no answer)"));
        throw new AssertionError(node + "'s metrics did not get there within " + PATIENCE + "; last scrape: " + dump);
    }

    /** GET /metrics of {@code node}'s daemon; empty while it does not answer (down, rebooting). */
    private Optional<Scrape> scrape(String node) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ports.get(node) + "/metrics")).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            return Optional.of(new Scrape(response.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One scrape's text, and the value of a series by its name and some of its labels. */
    private record Scrape(String text) {
        /** The series' value; NaN when absent or unknown. Several series that match: their sum. */
        double value(String name, String... labels) {
            double sum = 0;
            boolean found = false;
            for (String line : text.lines().toList()) {
                if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                    continue;
                }
                boolean matches = true;
                for (int i = 0; i < labels.length; i += 2) {
                    matches &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
                }
                if (matches) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            return found ? sum : Double.NaN;
        }
    }
}
