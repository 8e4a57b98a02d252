package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * reboot.parallel with real daemons: six nodes in two topology groups (one named by the property,
 * one by a topologycmd), two at once. The dry run shows the batches; the run reboots each node
 * once, two at a time at most and never two of one group, each group's master last.
 */
class ParallelBatchesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final List<List<String>> BATCHES = List.of(List.of("node-a", "node-d"), List.of("node-c", "node-e"),
            List.of("node-b", "node-f"));

    @AutoClose
    private E2eCluster cluster;

    @Test
    void givenTwoGroupsAndTwoAtOnce_theDryRunShowsTheBatches_andTheRunKeepsTheBudget() throws Exception {
        cluster = E2eCluster.create("batches", LocalCluster.Options.defaults().withNodes(6).withMaster("node-b"));
        for (String node : cluster.nodes) {
            boolean first = node.compareTo("node-d") < 0;
            cluster.setProperties(node, first ? Map.of("topology", "rack-1", "reboot.parallel", "2")
                    : Map.of("topologycmd", "echo rack-2", "reboot.parallel", "2"));
        }
        // Each node of a batch comes back only once its partner has gone down: the two are surely down at
        // once, however far apart a loaded machine runs their rebootcmds (the product starts the two
        // turns together; it does not time the two hosts).
        for (List<String> batch : BATCHES) {
            comesBackAfter(batch.get(0), batch.get(1));
            comesBackAfter(batch.get(1), batch.get(0));
        }
        cluster.startDaemons();

        CliResult dryRun = cluster.cli("node-c", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("would reboot 6 nodes in 3 batches of at most 2 (reboot.parallel)",
                "1. node-a (rack-1), node-d (rack-2)", "2. node-c (rack-1), node-e (rack-2)",
                "3. node-b (rack-1), node-f (rack-2)");
        JsonNode json = JSON.readTree(cluster.cli("node-c", "--dry-run", "--json").out());
        assertThat(json.path("parallel").asInt()).isEqualTo(2);
        assertThat(json.path("batches").toString())
                .isEqualTo("[[\"node-a\",\"node-d\"],[\"node-c\",\"node-e\"],[\"node-b\",\"node-f\"]]");

        CliResult reboot = cluster.cli("node-c", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        assertThat(reboot.out()).contains("started: node-a + node-d -> node-c + node-e -> node-b + node-f");
        JsonNode end = cluster.awaitStatus(s -> E2eCluster.state(s).equals("COMPLETED"), PATIENCE);

        assertThat(end.path("reboot").path("done").size()).isEqualTo(6);
        assertThat(end.path("nodes").findValuesAsText("group")).containsOnly("rack-1", "rack-2").hasSize(6);
        List<Down> downs = new ArrayList<>();
        for (String node : cluster.nodes) {
            List<Long> reboots = cluster.times(node, "reboots.log");
            List<Long> starts = cluster.times(node, "starts.log");
            assertThat(reboots).as(node + " rebooted").hasSize(1);
            assertThat(starts).as(node + " came back").hasSize(1);
            downs.add(new Down(node, node.compareTo("node-d") < 0 ? "rack-1" : "rack-2", reboots.get(0), starts.get(0)));
        }
        assertThat(mostDownAtOnce(downs, null)).as("down at once").isEqualTo(2);
        assertThat(mostDownAtOnce(downs, "rack-1")).as("rack-1 down at once").isEqualTo(1);
        assertThat(mostDownAtOnce(downs, "rack-2")).as("rack-2 down at once").isEqualTo(1);
        List<String> rack1 = cluster.rebootOrder().stream().filter(node -> node.compareTo("node-d") < 0).toList();
        assertThat(rack1).containsExactly("node-a", "node-c", "node-b");
    }

    /** {@code node}'s host starts again only once {@code partner} has begun its reboot (or a minute on). */
    private void comesBackAfter(String node, String partner) throws IOException {
        cluster.setService(node, "i=0; while [ ! -s " + cluster.dir(partner).resolve("reboots.log")
                + " ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done", "true");
    }

    /** A node's reboot: from its rebootcmd to its daemon's start on the new boot. */
    private record Down(String node, String group, long from, long to) {
    }

    /** The most reboots under way at one moment, of {@code group} (or of any, when null). */
    private static int mostDownAtOnce(List<Down> downs, String group) {
        List<Down> counted = downs.stream().filter(d -> group == null || d.group().equals(group)).toList();
        int most = 0;
        for (Down down : counted) {
            long at = down.from();
            most = Math.max(most, (int) counted.stream().filter(d -> d.from() <= at && at < d.to()).count());
        }
        return most;
    }
}
