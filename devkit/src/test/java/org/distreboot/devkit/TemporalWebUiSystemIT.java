package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of a run in the Temporal Web UI of the real dev server, in headless
 * Chromium, during the run and at its end; and that runs are found by their search attributes,
 * in the UI and with `temporal workflow list --query`. Screenshots go to devkit/target/web-ui/.
 */
class TemporalWebUiSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Path SCREENSHOTS = Path.of("target", "web-ui");

    @AutoClose
    private E2eCluster cluster;
    @AutoClose
    private Browser browser;

    @Test
    void givenARunOnTheDevServer_itsPageTellsTheStoryDuringTheRunAndAtTheEnd() throws Exception {
        Path cli = SystemTools.require("temporal", TemporalDevServer.PINNED);
        Process version = new ProcessBuilder(cli.toString(), "--version").redirectErrorStream(true).start();
        assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .as("the UI checked here is the one docker-compose.yml runs").contains("UI " + TemporalDevServer.UI_VERSION + ")");
        cluster = E2eCluster.create("web-ui", LocalCluster.Options.defaults().withRebootDelay(Duration.ofSeconds(8))
                .withRebootTimeout(Duration.ofMinutes(15)), cli);
        assertItListensOnLoopbackOnly((TemporalDevServer) cluster.temporal());
        cluster.startDaemons();
        browser = Browser.open();
        String page = cluster.runPage().orElseThrow();
        // node-c stays REJOINING (its healthcmd failing once it is back) until the page has been
        // seen during the run: however slow the browser, the run cannot end first.
        E2eCluster.Hold held = cluster.holdRejoining("node-c");
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.out()).contains("Temporal UI: " + page).doesNotContain("search attributes");
        cluster.awaitStatus(s -> "node-c".equals(s.path("reboot").path("current").asText())
                && s.path("reboot").path("currentState").asText().equals("REJOINING"), PATIENCE);

        browser.openUntil(page, List.of("distreboot-web-ui", "User Metadata"), PATIENCE);
        browser.click("User Metadata");
        browser.until(List.of(
                "Reboot cluster web-ui, 3 nodes, master last: node-a -> node-c -> node-b (requested by",
                "cluster web-ui: 3 nodes, one at a time, the master last",
                "order as planned: node-a → node-c → node-b (master: node-b)",
                "cluster web-ui: RUNNING · 1 of 3 nodes rebooted",
                "now: node-c, REJOINING, its turn began at",
                "waiting for: node-c to come back on a new boot with its healthcmd passing",
                "node-a: DONE in", "node-c: REJOINING since", "node-b: PENDING (master, last)"), PATIENCE);
        browser.screenshot(SCREENSHOTS.resolve("during-run-details.png"));
        browser.click("Timeline");
        browser.until(List.of("Plan • fix the plan: the nodes with a heartbeat now",
                "DrainAndReboot • drain and reboot node-a", "Rejoin • wait for node-a to rejoin",
                "reboot.timeout of node-a", "DrainAndReboot • drain and reboot node-c", "Rejoin • wait for node-c to rejoin"),
                PATIENCE);
        browser.scrollTo("Timeline");
        browser.screenshot(SCREENSHOTS.resolve("during-run-timeline.png"));
        assertThat(listed("DistrebootCluster='web-ui' AND DistrebootPhase='RUNNING' AND DistrebootNode='node-c'"))
                .contains("distreboot-web-ui");
        browser.openUntil(page.replaceAll("/workflows/.*", "/workflows?query=") + URLEncoder.encode(
                "DistrebootCluster=\"web-ui\" AND DistrebootPhase=\"RUNNING\"", StandardCharsets.UTF_8),
                List.of("distreboot-web-ui", "DistributedRebootWorkflow"), PATIENCE);
        browser.screenshot(SCREENSHOTS.resolve("during-run-list.png"));
        held.release();

        cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        browser.openUntil(page, List.of("distreboot-web-ui", "User Metadata"), PATIENCE);
        browser.click("User Metadata");
        browser.until(List.of("cluster web-ui: COMPLETED · 3 of 3 nodes rebooted", "waiting for: nothing: the run is over",
                "node-a: DONE in", "node-c: DONE in", "node-b: DONE in"), PATIENCE);
        browser.screenshot(SCREENSHOTS.resolve("after-run-details.png"));
        assertThat(listed("DistrebootCluster='web-ui' AND DistrebootPhase='COMPLETED'")).contains("distreboot-web-ui");
        assertThat(listed("DistrebootCluster='web-ui' AND DistrebootPhase='RUNNING'")).doesNotContain("distreboot-web-ui");
        // The audit, from the real server's visibility (a query, where the test server has only its lists).
        CliResult history = cluster.cli("node-a", "--history", "--json");
        assertThat(history.exitCode()).as(history.toString()).isZero();
        JsonNode runs = new ObjectMapper().readTree(history.out()).path("runs");
        assertThat(runs).as(history.out()).hasSize(1);
        assertThat(runs.get(0).path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(E2eCluster.stream(runs.get(0).path("nodes")).map(n -> n.path("node").asText()))
                .containsExactly("node-a", "node-c", "node-b");
        assertThat(E2eCluster.stream(runs.get(0).path("nodes"))).allSatisfy(n ->
                assertThat(n.path("downtimeMs").asLong()).isPositive());
        cluster.saveHistory("dev-server-three-nodes");
    }

    /** Every socket the dev server listens on (frontend, UI, HTTP API, metrics, its inner services) is on 127.0.0.1. */
    private static void assertItListensOnLoopbackOnly(TemporalDevServer server) throws Exception {
        Process ss = new ProcessBuilder(SystemTools.require("ss", "apt-get install iproute2").toString(), "-ltnpH")
                .redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ss.waitFor()).as(out).isZero();
        List<String> addresses = out.lines().filter(line -> line.contains("pid=" + server.process().pid() + ","))
                .map(line -> line.trim().split("\\s+")[3]).toList();
        assertThat(addresses).as("what the dev server listens on").hasSizeGreaterThanOrEqualTo(3)
                .allMatch(address -> address.startsWith("127.0.0.1:"));
    }

    /** What `temporal workflow list --query` prints for this cluster's service. */
    private String listed(String query) throws Exception {
        Process list = new ProcessBuilder(SystemTools.require("temporal", TemporalDevServer.PINNED).toString(),
                "workflow", "list", "--address", cluster.temporal().target(), "--query", query)
                .redirectErrorStream(true).start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor()).as(out).isZero();
        return out;
    }
}
