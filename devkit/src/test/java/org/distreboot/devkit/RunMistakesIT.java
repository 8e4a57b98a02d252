package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Mistakes that only show in a run: two operators starting one at once, a rebootcmd that fails
 * after printing 10 MB, one that hangs, a cancel racing the last node's completion. Each ends
 * with one line saying what happened and what to do, and no node rebooted twice.
 */
class RunMistakesIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    @AutoClose
    private E2eCluster cluster;

    @Test
    void twoRebootsAtOnce_startOneRun_andARebootcmdThatPrints10MBAndFails_stallsItWithOneShortLine() throws Exception {
        cluster = E2eCluster.create("twice", LocalCluster.Options.defaults());
        cluster.setProperties("node-a", Map.of("rebootcmd", "head -c 10000000 /dev/zero | tr -c x x; exit 3"));
        cluster.startDaemons();

        CompletableFuture<CliResult> fromA = CompletableFuture.supplyAsync(() -> cli("node-a", "--reboot"));
        CompletableFuture<CliResult> fromC = CompletableFuture.supplyAsync(() -> cli("node-c", "--reboot"));
        List<CliResult> results = List.of(fromA.get(), fromC.get());

        assertThat(results).as(results.toString()).extracting(CliResult::exitCode).containsExactlyInAnyOrder(0, 1);
        CliResult refused = results.stream().filter(r -> r.exitCode() == 1).findFirst().orElseThrow();
        // Refused by the command's own look, or, when both looked at once, by Temporal's one run per id.
        assertThat(refused.errLines()).singleElement().asString()
                .matches("distreboot: (refused: a distributed reboot is already running.*"
                        + "|a distributed reboot of cluster twice is already running; follow it with 'distreboot')");
        JsonNode stalled = cluster.awaitStatus(s -> E2eCluster.state(s).equals("STALLED"), PATIENCE);
        assertThat(stalled.path("reboot").path("reason").asText())
                .startsWith("rebootcmd failed on node-a: rebootcmd exited 3: ...xxxx").hasSizeLessThan(250);
        assertThat(stalled.path("reboot").path("waitingFor").asText()).contains("--cancel", "--drop");
        assertThat(cluster.daemonPid("node-a")).as("the daemon that read 10 MB lives on")
                .contains(cluster.daemonProcess("node-a").pid());

        // node-a left the cluster's queue before its rebootcmd, and polls it again since that failed:
        // with the other daemons stopped, it alone takes the cancel's workflow task.
        assertThat(cluster.cli("node-b", "--stop").exitCode()).isZero();
        assertThat(cluster.cli("node-c", "--stop").exitCode()).isZero();
        CliResult cancel = cluster.cli("node-b", "--cancel");
        assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
        cluster.awaitStatus(s -> E2eCluster.state(s).equals("CANCELLED"), PATIENCE);
        assertThat(cluster.rebootOrder()).isEmpty();
        assertThat(cluster.bootId("node-a")).isEqualTo("node-a-first-boot");
    }

    @Test
    void aRebootcmdThatHangs_countsAsAReboot_andStallsTheRunWhenTheNodeNeverGoesDown() throws Exception {
        cluster = E2eCluster.create("hangs", LocalCluster.Options.defaults().withRebootTimeout(Duration.ofSeconds(15)));
        Path marker = cluster.dir("node-a").resolve("rebootcmd-ran");
        // A loop, not one long sleep: the shell keeps the cluster's directory on its command line, so
        // the cluster's close finds it.
        cluster.setProperties("node-a", Map.of("rebootcmd", "touch " + marker + "; while :; do sleep 1; done"));
        cluster.startDaemons();

        assertThat(cluster.cli("node-b", "--reboot").exitCode()).isZero();
        JsonNode stalled = cluster.awaitStatus(s -> E2eCluster.state(s).equals("STALLED"), PATIENCE);

        assertThat(stalled.path("reboot").path("reason").asText())
                .isEqualTo("node-a is not back after 15s (no new boot with a passing healthcmd)");
        assertThat(stalled.path("reboot").path("waitingFor").asText()).contains("--cancel", "--drop");
        assertThat(marker).exists();
        assertThat(cluster.bootId("node-a")).isEqualTo("node-a-first-boot");
        assertThat(cluster.rebootOrder()).isEmpty();
        assertThat(cluster.cli("node-b", "--cancel").exitCode()).isZero();
        cluster.awaitStatus(s -> E2eCluster.state(s).equals("CANCELLED"), PATIENCE);
    }

    @Test
    void aCancelRacingTheLastNodesCompletion_eitherCancelsOrSaysTheRunEnded_neverAnErrorOrASecondReboot()
            throws Exception {
        cluster = E2eCluster.create("race", LocalCluster.Options.defaults());
        cluster.startDaemons();
        E2eCluster.Hold hold = cluster.holdRejoining("node-b");
        assertThat(cluster.cli("node-a", "--reboot").exitCode()).isZero();
        cluster.awaitStatus(s -> "node-b".equals(s.path("reboot").path("current").asText())
                && "REJOINING".equals(s.path("reboot").path("currentState").asText()), PATIENCE);

        CompletableFuture<CliResult> cancel = CompletableFuture.supplyAsync(() -> cli("node-a", "--cancel"));
        hold.release();
        CliResult result = cancel.get();
        JsonNode end = cluster.awaitStatus(s -> List.of("COMPLETED", "CANCELLED").contains(E2eCluster.state(s)), PATIENCE);

        if (result.exitCode() == 0) {
            assertThat(result.out()).startsWith("cancel requested");
            assertThat(E2eCluster.state(end)).isEqualTo("CANCELLED");
        } else {
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.errLines()).singleElement().asString()
                    .matches("distreboot: (no distributed reboot of cluster race is in progress: nothing to cancel"
                            + "|the distributed reboot of cluster race ended \\(COMPLETED\\) before the cancel reached it:"
                            + " nothing to cancel)");
            assertThat(E2eCluster.state(end)).isEqualTo("COMPLETED");
        }
        Thread.sleep(3_000);
        assertThat(cluster.rebootOrder()).as("each node once, whoever won").containsExactly("node-a", "node-c", "node-b");
    }

    private CliResult cli(String node, String... args) {
        try {
            return cluster.cli(node, args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
