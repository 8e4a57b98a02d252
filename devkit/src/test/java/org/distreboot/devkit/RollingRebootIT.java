package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Distributed reboots with real processes: the Temporal test server, PostgreSQL, and three
 * daemons whose reboots take them down and bring them back with a new boot id.
 */
class RollingRebootIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** Each test's cluster: its processes and files go when the test ends, however it ends. */
    @AutoClose
    private E2eCluster cluster;

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    @Test
    void givenThreeDaemons_dryRunShowsMasterLast_andRebootRebootsEachOnceMasterLastWithStatusShowingProgress()
            throws Exception {
        cluster = E2eCluster.create("rolling", LocalCluster.Options.defaults().withRebootDelay(Duration.ofSeconds(3))
                .withTemporalUi("http://temporal-ui.example:8080/"));
        cluster.startDaemons();

        CliResult dryRun = cluster.cli("node-a", "--dry-run");
        JsonNode dryRunJson = JSON.readTree(cluster.cli("node-a", "--dry-run", "--json").out());
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("1. node-a", "2. node-c", "3. node-b  (master, last)", "it would start");
        assertThat(texts(dryRunJson.path("order"))).containsExactly("node-a", "node-c", "node-b");
        assertThat(dryRunJson.path("master").asText()).isEqualTo("node-b");
        assertThat(dryRunJson.path("wouldStart").asBoolean()).isTrue();
        assertThat(dryRunJson.path("blockers")).isEmpty();

        // node-c, the second, stays REJOINING (its healthcmd failing once it is back) until the looks mid-run
        // are done: a turn of a few seconds is too short a moment for a status poll on a busy machine.
        E2eCluster.Hold held = cluster.holdRejoining("node-c");
        CliResult reboot = cluster.cli("node-c", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        assertThat(reboot.out()).contains("started: node-a -> node-c -> node-b",
                "Temporal UI: http://temporal-ui.example:8080/namespaces/default/workflows/distreboot-rolling");

        JsonNode midRun = cluster.awaitStatus(s -> E2eCluster.state(s).equals("RUNNING") && s.path("reboot").path("done").size() == 1
                && !s.path("reboot").path("current").isNull(), PATIENCE);
        assertThat(midRun.path("reboot").path("current").asText()).isEqualTo("node-c");
        assertThat(midRun.path("reboot").path("page").asText())
                .isEqualTo("http://temporal-ui.example:8080/namespaces/default/workflows/distreboot-rolling");
        assertTheJsonContract(midRun);
        CliResult text = cluster.cli("node-a");
        assertThat(text.out()).contains("distributed reboot: RUNNING", "current:", "order:",
                "Temporal UI: http://temporal-ui.example:8080/namespaces/default/workflows/distreboot-rolling");
        CliResult second = cluster.cli("node-a", "--reboot");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.errLines().get(0)).contains("refused: a distributed reboot is already running");
        held.release();

        JsonNode end = cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);
        assertThat(texts(end.path("reboot").path("done"))).containsExactly("node-a", "node-c", "node-b");
        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-c", "node-b");
        for (String node : cluster.nodes) {
            assertThat(cluster.bootId(node)).isNotEqualTo(node + "-first-boot");
        }
        assertThat(cluster.cli("node-a").out()).contains("distributed reboot: COMPLETED, 3 of 3 done");
    }

    /** The fields DESIGN.md promises to scripts: present, and of the promised kinds. */
    private static void assertTheJsonContract(JsonNode status) {
        assertThat(status.path("cluster").isTextual()).isTrue();
        assertThat(status.path("node").isTextual()).isTrue();
        assertThat(status.path("daemon").path("running").isBoolean()).isTrue();
        assertThat(status.path("daemon").has("pid")).isTrue();
        assertThat(status.path("nodes").isArray()).isTrue();
        status.path("nodes").forEach(node -> {
            assertThat(node.path("node").isTextual()).isTrue();
            assertThat(Instant.parse(node.path("expires").asText())).isNotNull();
            assertThat(node.path("stale").isBoolean()).isTrue();
            assertThat(node.path("role").asText()).isIn("master", "member");
            assertThat(node.has("ready")).isTrue();
            assertThat(node.path("bootId").isTextual()).isTrue();
        });
        JsonNode reboot = status.path("reboot");
        assertThat(reboot.path("state").asText()).isIn("NONE", "RUNNING", "STALLED", "COMPLETED", "CANCELLED", "FAILED");
        for (String list : List.of("order", "done", "dropped")) {
            assertThat(reboot.path(list).isArray()).as(list).isTrue();
        }
        assertThat(reboot.has("current")).isTrue();
        assertThat(reboot.has("reason")).isTrue();
    }

    @Test
    void givenTheDaemonRunningTheWorkflowIsKilledMidRun_theRunStillCompletesExactlyOncePerNode() throws Exception {
        // Reboots of 4 s: with the handover under a tenth of a second, 1 s reboots left a moment
        // with one node done too short for a status poll on a busy machine.
        cluster = E2eCluster.create("killed", LocalCluster.Options.defaults().withRebootDelay(Duration.ofSeconds(4)));
        cluster.startDaemons();
        // node-c stays REJOINING until the kill is done: on a busy machine the search below once took
        // long enough for the run to reach node-b, the master, first.
        E2eCluster.Hold held = cluster.holdRejoining("node-c");
        assertThat(cluster.cli("node-a", "--reboot").exitCode()).isZero();
        cluster.awaitStatus(s -> s.path("reboot").path("done").size() >= 1, PATIENCE);

        String victim = null;
        Optional<ProcessHandle> daemon = Optional.empty();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (daemon.isEmpty() && System.nanoTime() < deadline) {
            // The daemon that ran the workflow last may be the very node now rebooting: look again.
            victim = cluster.nodeRunningTheWorkflow();
            daemon = cluster.daemonPid(victim).flatMap(ProcessHandle::of);
            if (daemon.isEmpty()) {
                Thread.sleep(100);
            }
        }
        assertThat(daemon).as("a live daemon that ran the workflow").isPresent();
        daemon.get().destroyForcibly();
        daemon.get().onExit().join();
        assertThat(cluster.rebootOrder()).as("killed mid-run: the master not rebooted yet").doesNotContain("node-b");
        held.release();
        Thread.sleep(1000);
        if (cluster.daemonPid(victim).isEmpty()) {
            cluster.startDaemon(victim);
        }

        JsonNode end = cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);
        assertThat(texts(end.path("reboot").path("done"))).containsExactly("node-a", "node-c", "node-b");
        assertThat(cluster.rebootOrder()).as("killed the daemon of %s", victim).containsExactly("node-a", "node-c", "node-b");
    }

    @Test
    void givenCancelMidRun_itStopsAfterTheCurrentNode() throws Exception {
        cluster = E2eCluster.create("cancelled", LocalCluster.Options.defaults().withRebootDelay(Duration.ofSeconds(3)));
        cluster.startDaemons();
        // node-a stays REJOINING (its healthcmd failing once it is back) until the run has ended: on a
        // slow machine its 3 s reboot could end, and node-c's turn begin, before the cancel; and a
        // release before the run's end races the cancel, so the history could say either of two things.
        E2eCluster.Hold held = cluster.holdRejoining("node-a");
        assertThat(cluster.cli("node-a", "--reboot").exitCode()).isZero();
        cluster.awaitStatus(s -> "node-a".equals(s.path("reboot").path("current").asText())
                && s.path("reboot").path("currentState").asText().equals("REJOINING"), PATIENCE);

        CliResult cancel;
        CliResult watched;
        try (E2eCluster.RunningCli watch = cluster.startCli("node-c", "--watch")) {
            cancel = cluster.cli("node-b", "--cancel");
            watched = watch.await(PATIENCE);
        }
        held.release();
        assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
        assertThat(cancel.out()).contains("node-a is left to come back on its own");
        // --watch ends with the run, and its exit code says it was cancelled.
        assertThat(watched.exitCode()).as(watched.toString()).isEqualTo(5);
        assertThat(watched.out().lines().reduce((first, second) -> second).orElseThrow())
                .matches("\\S+  run  CANCELLED: cancelled by .*");
        JsonNode end = cluster.awaitStatus(s -> E2eCluster.state(s).equals("CANCELLED"), PATIENCE);
        cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes")).noneMatch(n -> n.path("stale").asBoolean()), PATIENCE);
        Thread.sleep(2000);

        assertThat(end.path("reboot").path("reason").asText()).startsWith("cancelled by");
        assertThat(cluster.rebootOrder()).containsExactly("node-a");
        CliResult again = cluster.cli("node-b", "--cancel");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.errLines()).singleElement().asString().contains("nothing to cancel");

        // The audit: the run, its end, who started and who cancelled it.
        CliResult history = cluster.cli("node-c", "--history");
        assertThat(history.exitCode()).as(history.toString()).isZero();
        assertThat(history.out().lines().toList()).as(history.out())
                .anySatisfy(line -> assertThat(line).matches("\\S+Z  CANCELLED after \\S+, started by \\S+@\\S+, "
                        + "1 node rebooted: cancelled by .*"))
                .anySatisfy(line -> assertThat(line).matches("  \\S+Z  cancel by \\S+@\\S+.*"))
                .anySatisfy(line -> assertThat(line)
                        .matches("  \\S+Z  node-a  boot node-a-first-boot -> \\(not back within the run\\)"));
    }

    @Test
    void givenNodeWhoseDaemonNeverComesBack_theRunStalls_andDroppingItLetsItComplete() throws Exception {
        // Not 6 s: on a loaded machine node-c's turn came close to it, and the run stopped moving once, as
        // the test server does when a timer fires just as the task cancelling it completes.
        cluster = E2eCluster.create("stalled", LocalCluster.Options.defaults().withRebootTimeout(Duration.ofSeconds(12)));
        Files.writeString(cluster.dir("node-a").resolve("never-returns"), "");
        cluster.startDaemons();
        assertThat(cluster.cli("node-b", "--reboot").exitCode()).isZero();

        JsonNode stalled = cluster.awaitStatus(s -> E2eCluster.state(s).equals("STALLED"), PATIENCE);
        assertThat(stalled.path("reboot").path("current").asText()).isEqualTo("node-a");
        assertThat(stalled.path("reboot").path("reason").asText()).contains("node-a is not back after");
        CliResult text = cluster.cli("node-b");
        assertThat(text.out()).contains("STALLED", "distreboot --drop=node-a");

        CliResult unknown = cluster.cli("node-b", "--drop=node-z");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.errLines()).singleElement().asString()
                .contains("unknown node 'node-z'", "node-a, node-b, node-c");
        CliResult drop = cluster.cli("node-b", "--drop=node-a");
        assertThat(drop.exitCode()).as(drop.toString()).isZero();

        JsonNode end = cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);
        assertThat(texts(end.path("reboot").path("dropped"))).containsExactly("node-a");
        assertThat(texts(end.path("reboot").path("done"))).containsExactly("node-c", "node-b");
        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-c", "node-b");
        assertThat(E2eCluster.stream(end.path("nodes")).map(n -> n.path("node").asText()))
                .containsExactly("node-b", "node-c");

        // The audit, as JSON: who dropped node-a, which never came back, and the two nodes' reboots.
        JsonNode runs = JSON.readTree(cluster.cli("node-c", "--history", "--json").out()).path("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(E2eCluster.stream(runs.get(0).path("acts")).map(a -> a.path("what").asText() + " "
                + a.path("detail").asText())).singleElement().asString().startsWith("drop node-a");
        assertThat(E2eCluster.stream(runs.get(0).path("nodes")).map(n -> n.path("node").asText() + " "
                + n.path("bootIdAfter").isNull() + " " + n.path("downtimeMs").isNull()))
                .containsExactly("node-a true true", "node-c false false", "node-b false false");
    }
}
