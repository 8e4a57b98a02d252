package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The reboot-required sentinel with real daemons: a run reboots only the nodes whose sentinel is
 * there (a reboot clears it, as it clears /run), lists the others as skipped, says when a node's
 * sentinel is there again after its reboot; --all reboots every node; with no sentinel anywhere
 * --reboot starts nothing and says so.
 */
class SentinelIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenANodeWithoutItsSentinel_itIsSkipped_andAllRebootsEveryNode() throws Exception {
        cluster = E2eCluster.create("sentinel", LocalCluster.Options.defaults().withNodes(3).withMaster("node-c"));
        Files.delete(cluster.dir("node-b").resolve("reboot-required"));
        Path again = cluster.dir("node-a").resolve("service-start");
        Files.writeString(again, "#!/bin/sh\necho 'packages upgraded at boot' > " + cluster.dir("node-a")
                .resolve("reboot-required") + "\n");
        Files.setPosixFilePermissions(again, PosixFilePermissions.fromString("rwxr-xr-x"));
        cluster.startDaemons();

        CliResult dryRun = cluster.cli("node-a", "--dry-run");
        assertThat(dryRun.out()).contains("1. node-a", "2. node-c  (master, last)",
                "skipped, their reboot-required sentinel is not there (--all reboots them too): node-b");
        JsonNode dryRunJson = JSON.readTree(cluster.cli("node-a", "--dry-run", "--json").out());
        assertThat(E2eCluster.stream(dryRunJson.path("skipped")).map(JsonNode::asText)).containsExactly("node-b");
        assertThat(E2eCluster.stream(JSON.readTree(cluster.cli("node-a", "--dry-run", "--all", "--json").out()).path("order"))
                .map(JsonNode::asText)).containsExactly("node-a", "node-b", "node-c");

        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).isZero();
        assertThat(reboot.out()).contains("started: node-a -> node-c",
                "skipped, no reboot-required sentinel (--all reboots them too): node-b");
        JsonNode first = cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);
        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-c");
        assertThat(E2eCluster.stream(first.path("reboot").path("skipped")).map(JsonNode::asText))
                .containsExactly("node-b");
        assertThat(E2eCluster.stream(first.path("reboot").path("sentinelAgain")).map(JsonNode::asText))
                .containsExactly("node-a");
        assertThat(cluster.cli("node-b").out()).contains(
                "distributed reboot: COMPLETED, 2 of 2 done",
                "skipped:     node-b (no reboot-required sentinel)",
                "sentinel:    there again after the reboot on node-a");

        Files.delete(again);
        assertThat(cluster.cli("node-b", "--reboot", "--all").exitCode()).isZero();
        cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED")
                && s.path("reboot").path("done").size() == 3, PATIENCE);
        // node-c's draincmd handed the master to node-a: it goes last now
        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-c", "node-b", "node-c", "node-a");

        cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes"))
                .noneMatch(node -> node.path("rebootRequired").asBoolean(false)), PATIENCE);
        CliResult nothing = cluster.cli("node-c", "--reboot");
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.out()).isEqualTo("nothing to reboot in cluster sentinel: no node has its reboot-required"
                + " sentinel; distreboot --reboot --all reboots every node\n");
        assertThat(cluster.rebootOrder()).hasSize(5);
    }
}
