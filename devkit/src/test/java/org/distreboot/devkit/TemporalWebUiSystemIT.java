package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of a run in the Temporal Web UI of the real dev server, in headless
 * Chromium: during the run and at its end. Screenshots go to devkit/target/web-ui/.
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
        cluster = E2eCluster.onDevServer("web-ui", LocalCluster.Options.defaults().withRebootDelay(Duration.ofSeconds(5)),
                cli);
        cluster.startDaemons();
        browser = Browser.open();
        String page = cluster.runPage().orElseThrow();
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.out()).contains("Temporal UI: " + page);
        cluster.awaitStatus(s -> "node-c".equals(s.path("reboot").path("current").asText())
                && s.path("reboot").path("currentState").asText().equals("REJOINING"), PATIENCE);

        String during = browser.openUntil(page, List.of("distreboot-web-ui", "Reboot cluster web-ui, 3 nodes",
                "RUNNING", "1 of 3 nodes rebooted", "now: node-c (REJOINING since", "waiting for:",
                "node-c to come back on a new boot"), PATIENCE);
        browser.screenshot(SCREENSHOTS.resolve("during-run.png"));
        System.out.println("the run's page during the run:\n" + during);

        cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        String end = browser.openUntil(page, List.of("COMPLETED", "3 of 3 nodes rebooted", "Completed"), PATIENCE);
        browser.screenshot(SCREENSHOTS.resolve("after-run.png"));
        System.out.println("the run's page at the end:\n" + end);
    }
}
