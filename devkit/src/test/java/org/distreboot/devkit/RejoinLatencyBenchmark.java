package org.distreboot.devkit;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.workflow.DistributedRebootWorkflow;
import org.distreboot.workflow.Durations;
import org.distreboot.workflow.TaskQueues;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.RebootStatus;

/**
 * bench/rejoin-latency and bench/temporal-servers: full distributed reboots of simulated nodes
 * whose reboot takes a fixed time, with the default heartbeat settings, on the Temporal test
 * server, the real dev server, or both. For each rebooted node but the last it measures the
 * time from its new daemon starting to the workflow marking it rejoined, and the handover from
 * that mark to the next node's rebootcmd, and where the time goes step by step ({@link Handover});
 * for each run, the history's events and bytes per node, and its workflow tasks that timed out.
 * Prints figures; asserts nothing.
 */
public final class RejoinLatencyBenchmark {
    private RejoinLatencyBenchmark() {
    }

    /** The figures of all runs on one Temporal service. */
    private record Samples(List<Long> launchToRejoined, List<Long> startToRejoined, List<Long> startToNextReboot,
                           List<Long> handover, List<Long> eventsPerNode, List<Long> bytesPerNode,
                           List<Handover> breakdown, List<Long> beyondReboot, List<Long> oldDaemonStop,
                           List<Long> ownStop, List<Long> workersStop, List<Long> tasksTimedOut) {
        Samples() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>());
        }
    }

    public static void main(String[] args) throws Exception {
        int nodes = intArg(args, "--nodes", 5);
        int runs = intArg(args, "--runs", 2);
        Duration rebootTime = Duration.ofSeconds(intArg(args, "--reboot-seconds", 2));
        List<String> services = List.of(stringArg(args, "--temporal", "test-server").split(","));
        List<Samples> results = new ArrayList<>();
        for (String service : services) {
            results.add(measure(service, E2eCluster.temporalCli(service), nodes, runs, rebootTime));
        }
        System.out.println();
        for (int i = 0; i < services.size(); i++) {
            Samples samples = results.get(i);
            System.out.println("on the " + services.get(i) + ":");
            report("new daemon launched -> rejoined (includes JVM start)", samples.launchToRejoined(), "ms");
            report("new daemon started  -> rejoined", samples.startToRejoined(), "ms");
            report("new daemon started  -> next node's rebootcmd", samples.startToNextReboot(), "ms");
            report("handover: rejoined  -> next node's rebootcmd", samples.handover(), "ms");
            // rebootcmd -> the next node's rebootcmd, less the simulated reboot's own time.
            report("a node's turn beyond its reboot (goal 1.5 s)", samples.beyondReboot(), "ms");
            report("  of which: rebootcmd -> its old daemon stopped", samples.oldDaemonStop(), "ms");
            report("    of which: the daemon's stop, as its log says", samples.ownStop(), "ms");
            report("      of which: its workers' (calls in flight, polls)", samples.workersStop(), "ms");
            report("new daemon launched -> first heartbeat posted (goal 1 s)", samples.breakdown().stream()
                    .map(Handover::launchToFirstHeartbeat).toList(), "ms");
            report("new daemon launched -> polling (goal 1 s)", samples.breakdown().stream()
                    .map(Handover::launchToPolling).toList(), "ms");
            System.out.println("  where the time goes, launch to the next node's rebootcmd:");
            for (int step = 0; step < Handover.STEPS.size(); step++) {
                int index = step;
                report("  " + Handover.STEPS.get(step), samples.breakdown().stream()
                        .map(handover -> handover.steps().get(index)).toList(), "ms");
            }
            report("history events per node", samples.eventsPerNode(), "");
            report("history bytes per node", samples.bytesPerNode(), "B");
            // A workflow task lost with a stopping daemon waits out its timeout: a late turn.
            System.out.printf("  workflow tasks timed out (WORKFLOW_TASK_TIMED_OUT): %d in %d histories%n",
                    samples.tasksTimedOut().stream().mapToLong(Long::longValue).sum(), samples.tasksTimedOut().size());
        }
    }

    private static Samples measure(String service, Path cli, int nodes, int runs, Duration rebootTime) throws Exception {
        Samples samples = new Samples();
        System.out.printf("%s: %d runs of %d nodes, reboot takes %s, heartbeat.interval 5s, ttl 20s%n", service, runs,
                nodes, rebootTime);
        System.out.printf("%-4s %-7s %14s %14s %16s %14s%n", "run", "node", "launch->rejoin", "start->rejoin",
                "start->next cmd", "handover");
        for (int run = 1; run <= runs; run++) {
            LocalCluster.Options options = new LocalCluster.Options(nodes, "node-a", rebootTime, Duration.ofMinutes(5),
                    Duration.ofSeconds(5), Duration.ofSeconds(20), null);
            try (E2eCluster cluster = E2eCluster.create("bench" + run, options, cli)) {
                cluster.startDaemons();
                CliResult reboot = cluster.cli("node-a", "--reboot");
                if (reboot.exitCode() != 0) {
                    throw new IllegalStateException(reboot.toString());
                }
                DistributedRebootWorkflow workflow = cluster.temporalClient().newWorkflowStub(
                        DistributedRebootWorkflow.class, TaskQueues.workflowId(cluster.name));
                WorkflowStub.fromTyped(workflow).getResult(10, TimeUnit.MINUTES, RebootStatus.class);
                // Each turn's times: the status query has them (the result has the nodes packed).
                RebootStatus end = workflow.status();
                List<NodeHeartbeatRow> rows = cluster.heartbeats().nodes();
                List<String> order = end.order();
                List<HistoryEvent> history = cluster.temporalClient().fetchHistory(TaskQueues.workflowId(cluster.name))
                        .getEvents();
                for (int i = 0; i < order.size() - 1; i++) {
                    String node = order.get(i);
                    NodeStatus status = end.node(node).orElseThrow();
                    long launched = cluster.times(node, "starts.log").get(0);
                    long started = rows.stream().filter(r -> r.node().equals(node)).findFirst().orElseThrow()
                            .daemonStartedAt().toEpochMilli();
                    long rejoined = status.finishedAt().toEpochMilli();
                    long nextCommand = cluster.times(order.get(i + 1), "reboots.log").get(0);
                    samples.launchToRejoined().add(rejoined - launched);
                    samples.startToRejoined().add(rejoined - started);
                    samples.startToNextReboot().add(nextCommand - started);
                    samples.handover().add(nextCommand - rejoined);
                    samples.breakdown().add(Handover.of(cluster, history, node, order.get(i + 1), launched, started));
                    long rebootCommand = cluster.times(node, "reboots.log").get(0);
                    samples.beyondReboot().add(nextCommand - rebootCommand - rebootTime.toMillis());
                    samples.oldDaemonStop().add(cluster.times(node, "down.log").get(0) - rebootCommand);
                    stopLine(cluster, node).ifPresent(stop -> {
                        samples.ownStop().add(stop.get(0));
                        samples.workersStop().add(stop.get(1));
                    });
                    System.out.printf("%-4d %-7s %12d ms %12d ms %14d ms %12d ms%n", run, node, rejoined - launched,
                            rejoined - started, nextCommand - started, nextCommand - rejoined);
                }
                cluster.saveHistory("bench-" + service + "-run" + run);
                long bytes = history.stream().mapToLong(HistoryEvent::getSerializedSize).sum();
                samples.tasksTimedOut().add(history.stream()
                        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT).count());
                samples.eventsPerNode().add((long) history.size() / order.size());
                samples.bytesPerNode().add(bytes / order.size());
                System.out.printf("run %d: %d nodes rebooted in %s; history %d events, %d bytes%n", run, order.size(),
                        Duration.between(end.startedAt(), end.finishedAt()), history.size(), bytes);
            }
        }
        return samples;
    }

    /** From the daemon's "stopped in 310ms: workers 290ms, last heartbeat 20ms": the whole stop and its workers', in ms. */
    private static Optional<List<Long>> stopLine(LocalCluster cluster, String node) throws IOException {
        Matcher stopped = Pattern.compile("stopped in (\\S+): workers (\\S+),")
                .matcher(Files.readString(cluster.dir(node).resolve("daemon.log")));
        return stopped.find() ? Optional.of(List.of(Durations.parse(stopped.group(1)).toMillis(),
                Durations.parse(stopped.group(2)).toMillis())) : Optional.empty();
    }

    private static void report(String what, List<Long> samples, String unit) {
        List<Long> sorted = samples.stream().sorted().toList();
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("  %-60s median %6d %-2s  max %6d %-2s  (n=%d)%n", what, median, unit,
                sorted.get(sorted.size() - 1), unit, sorted.size());
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    /** The option's last value: a script's defaults come first, the caller's after them. */
    private static String stringArg(String[] args, String name, String fallback) {
        String value = fallback;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                value = args[i + 1].equals("both") ? "test-server,dev-server" : args[i + 1];
            }
        }
        return value;
    }
}
