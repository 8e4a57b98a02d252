package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * reboot.grace and reboot.settle with real daemons: the dry run and --reboot say them; a --cancel
 * inside the grace ends the run with nothing rebooted; a settle spaces the nodes' reboots out.
 */
class GraceAndSettleIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenAGrace_theRunWaitsSayingSo_andACancelWithinItRebootsNothing() throws Exception {
        cluster = E2eCluster.create("grace", LocalCluster.Options.defaults().withNodes(3));
        cluster.setProperties("node-a", Map.of("reboot.grace", "10m"));
        cluster.startDaemons();

        CliResult dryRun = cluster.cli("node-a", "--dry-run");
        assertThat(dryRun.out()).contains("the first node's turn 10m after --reboot (reboot.grace): a --cancel"
                + " within it reboots nothing");
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        assertThat(reboot.out()).contains("the first node's turn in 10m (reboot.grace): distreboot --cancel");
        JsonNode graced = cluster.awaitStatus(s -> s.path("reboot").path("waitingFor").asText()
                .contains("reboot.grace"), PATIENCE);
        assertThat(E2eCluster.state(graced)).isEqualTo("RUNNING");
        assertThat(graced.path("reboot").path("waitingFor").asText())
                .startsWith("the grace of 10m (reboot.grace): the first node's turn at ");
        assertThat(graced.path("reboot").path("holdsUntil").isTextual()).as("for a countdown").isTrue();
        assertThat(cluster.cli("node-b").out()).as("the countdown").containsPattern(
                "  waiting for: the grace of 10m \\(reboot.grace\\).* \\(in (9m \\d+s|10m 0s)\\)");

        CliResult cancel = cluster.cli("node-a", "--cancel");
        assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
        JsonNode end = cluster.awaitStatus(s -> E2eCluster.state(s).equals("CANCELLED"), PATIENCE);
        assertThat(end.path("reboot").path("done").size()).isZero();
        Thread.sleep(2000);
        assertThat(cluster.rebootOrder()).as("nothing rebooted").isEmpty();
    }

    /** Three nodes whose reboots take 1 s, and a run started with that reboot.settle. */
    private void startWithSettle(String name, String settle) throws Exception {
        cluster = E2eCluster.create(name, LocalCluster.Options.defaults().withNodes(3)
                .withRebootDelay(Duration.ofSeconds(1)));
        cluster.setProperties("node-a", Map.of("reboot.settle", settle));
        cluster.startDaemons();
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
    }

    /** A settle long enough to be seen for certain (a 5 s one is a moment a status poll can miss). */
    @Test
    void givenASettle_theRunSaysItWaitsForIt_andACancelEndsItThere() throws Exception {
        startWithSettle("settling", "10m");
        JsonNode settling = cluster.awaitStatus(s -> s.path("reboot").path("waitingFor").asText()
                .contains("reboot.settle"), PATIENCE);
        assertThat(settling.path("reboot").path("waitingFor").asText())
                .matches("the settle of 10m \\(reboot.settle\\): node-a is back since .*, the next node's turn at .*");
        assertThat(cluster.cli("node-a", "--cancel").exitCode()).isZero();
        JsonNode end = cluster.awaitStatus(s -> E2eCluster.state(s).equals("CANCELLED"), PATIENCE);
        assertThat(E2eCluster.stream(end.path("reboot").path("done")).map(JsonNode::asText)).containsExactly("node-a");
        assertThat(cluster.rebootOrder()).containsExactly("node-a");
    }

    @Test
    void givenASettle_eachNodesRebootWaitsThatLongAfterTheOneBeforeIsBack() throws Exception {
        startWithSettle("settle", "5s");
        cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);

        List<Long> reboots = new ArrayList<>();
        for (String node : cluster.rebootOrder()) {
            reboots.add(cluster.times(node, "reboots.log").get(0));
        }
        assertThat(reboots).hasSize(3);
        for (int i = 1; i < reboots.size(); i++) {
            // the node before: 1 s down, then back and healthy, then 5 s of settle
            assertThat(reboots.get(i) - reboots.get(i - 1)).as("between reboots %d and %d", i, i + 1)
                    .isGreaterThanOrEqualTo(6_000);
        }
    }
}
