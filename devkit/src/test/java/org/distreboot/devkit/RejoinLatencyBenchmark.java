package org.distreboot.devkit;

import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.workflow.DistributedRebootWorkflow;
import org.distreboot.workflow.TaskQueues;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.RebootStatus;

/**
 * bench/rejoin-latency: full distributed reboots of simulated nodes whose reboot takes a fixed
 * time, with the default heartbeat settings. For each rebooted node but the last it measures
 * the time from its new daemon starting to the workflow marking it rejoined, and to the next
 * node's rebootcmd. Prints figures; asserts nothing.
 */
public final class RejoinLatencyBenchmark {
    private RejoinLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = intArg(args, "--nodes", 5);
        int runs = intArg(args, "--runs", 2);
        Duration rebootTime = Duration.ofSeconds(intArg(args, "--reboot-seconds", 2));
        List<Long> launchToRejoined = new ArrayList<>();
        List<Long> startToRejoined = new ArrayList<>();
        List<Long> startToNextReboot = new ArrayList<>();
        System.out.printf("rejoin latency: %d runs of %d nodes, reboot takes %s, heartbeat.interval 5s, ttl 20s%n",
                runs, nodes, rebootTime);
        System.out.printf("%-4s %-7s %14s %14s %16s%n", "run", "node", "launch->rejoin", "start->rejoin",
                "start->next cmd");
        for (int run = 1; run <= runs; run++) {
            LocalCluster.Options options = new LocalCluster.Options(nodes, "node-a", rebootTime, Duration.ofMinutes(5),
                    Duration.ofSeconds(5), Duration.ofSeconds(20), null);
            try (E2eCluster cluster = E2eCluster.create("bench" + run, options)) {
                cluster.startDaemons();
                CliResult reboot = cluster.cli("node-a", "--reboot");
                if (reboot.exitCode() != 0) {
                    throw new IllegalStateException(reboot.toString());
                }
                RebootStatus end = WorkflowStub.fromTyped(cluster.temporalClient().newWorkflowStub(
                        DistributedRebootWorkflow.class, TaskQueues.workflowId(cluster.name)))
                        .getResult(10, TimeUnit.MINUTES, RebootStatus.class);
                List<NodeHeartbeatRow> rows = cluster.heartbeats().nodes();
                List<String> order = end.order();
                for (int i = 0; i < order.size() - 1; i++) {
                    String node = order.get(i);
                    NodeStatus status = end.node(node).orElseThrow();
                    long launched = cluster.times(node, "starts.log").get(0);
                    long started = rows.stream().filter(r -> r.node().equals(node)).findFirst().orElseThrow()
                            .daemonStartedAt().toEpochMilli();
                    long rejoined = status.finishedAt().toEpochMilli();
                    long nextCommand = cluster.times(order.get(i + 1), "reboots.log").get(0);
                    launchToRejoined.add(rejoined - launched);
                    startToRejoined.add(rejoined - started);
                    startToNextReboot.add(nextCommand - started);
                    System.out.printf("%-4d %-7s %12d ms %12d ms %14d ms%n", run, node, rejoined - launched,
                            rejoined - started, nextCommand - started);
                }
                System.out.printf("run %d: %d nodes rebooted in %s%n", run, order.size(),
                        Duration.between(end.startedAt(), end.finishedAt()));
            }
        }
        System.out.println();
        report("new daemon launched -> rejoined (includes JVM start)", launchToRejoined);
        report("new daemon started  -> rejoined", startToRejoined);
        report("new daemon started  -> next node's rebootcmd", startToNextReboot);
        System.out.println("target: median 'started -> rejoined' at most 1000 ms");
    }

    private static void report(String what, List<Long> samples) {
        List<Long> sorted = samples.stream().sorted().toList();
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("%-48s median %5d ms   max %5d ms   (n=%d)%n", what, median, sorted.get(sorted.size() - 1),
                sorted.size());
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

}
