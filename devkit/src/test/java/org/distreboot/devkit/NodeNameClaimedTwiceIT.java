package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * One host per node name. A second host whose properties say node-b (another machine) is
 * refused at start, naming the host that has the name; a cloned image (same machine id, another
 * boot) that starts anyway is caught when both post as node-b: the run stalls with that reason
 * and reboots nothing more until the clone is gone, then completes, each node once.
 */
class NodeNameClaimedTwiceIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    @AutoClose
    private E2eCluster cluster;

    @Test
    void aSecondHostIsRefusedAtStart_andAClonePostingMidRunStallsTheRunUntilItIsGone() throws Exception {
        cluster = E2eCluster.create("claimed", LocalCluster.Options.defaults());
        cluster.startDaemons();

        Path otherMachine = cluster.secondHost("node-b", "machine-of-another-host", "another-boot");
        CliResult refused = cluster.cli(List.of("--start", "--node=" + otherMachine));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.errLines()).filteredOn(line -> line.startsWith("distreboot:")).singleElement().asString()
                .startsWith("distreboot: node node-b of cluster claimed is already taken by another host, ")
                .contains("(machine machine-, boot node-b-f), whose heartbeat is fresh until ",
                        ": give this host its own node= in " + otherMachine.resolve("distreboot.properties")
                                + ", or stop distreboot on that host (if that host is gone, start again after that time)");
        assertThat(cluster.heartbeats().node("node-b").orElseThrow().bootId()).isEqualTo("node-b-first-boot");

        E2eCluster.Hold hold = cluster.holdRejoining("node-a");
        assertThat(cluster.cli("node-a", "--reboot").exitCode()).isZero();
        cluster.awaitFile("node-a", "reboots.log", PATIENCE);
        Process clone = cluster.startDaemonIn(cluster.secondHost("node-b", null, "boot-of-the-clone"));
        JsonNode claimed = cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes"))
                .anyMatch(n -> n.path("claimedBy").isTextual()), PATIENCE);
        assertThat(E2eCluster.stream(claimed.path("nodes")).filter(n -> n.path("claimedBy").isTextual())
                .map(n -> n.path("node").asText())).containsExactly("node-b");
        assertThat(cluster.cli("node-c").out()).contains("CLAIMED BY TWO HOSTS: ");

        // node-a, rebooted before the clone came, comes back; the run must not go on to node-c.
        hold.release();
        JsonNode stalled = cluster.awaitStatus(s -> E2eCluster.state(s).equals("STALLED"), PATIENCE);
        assertThat(stalled.path("reboot").path("reason").asText())
                .contains("node-b: claimed by two hosts, ", "boot boot-of-", "boot node-b-f",
                        "(give one of them its own node=, or stop distreboot on it)");
        assertThat(cluster.cli("node-c").out()).contains("distributed reboot: STALLED", "node-b: claimed by two hosts");
        Thread.sleep(5_000);
        assertThat(E2eCluster.state(cluster.status())).isEqualTo("STALLED");
        assertThat(cluster.rebootOrder()).as("nothing rebooted while node-b had two hosts").containsExactly("node-a");

        clone.destroy();
        assertThat(clone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        JsonNode end = cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);
        assertThat(end.path("reboot").path("reason").isNull()).isTrue();
        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-c", "node-b");
        assertThat(cluster.bootId("node-b")).isNotEqualTo("node-b-first-boot");
    }
}
