package org.distreboot.devkit;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.distreboot.cli.screen.FoldingWriter;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.workflow.DistributedRebootWorkflow;
import org.distreboot.workflow.TaskQueues;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootStatus;

/**
 * `distreboot --demo`: a distributed reboot of N simulated nodes, live, on an embedded
 * Temporal service and PostgreSQL, ending with the checks that matter: every node rebooted
 * exactly once, the master last.
 */
final class Demo {
    private static final Duration REBOOT_TIME = Duration.ofSeconds(3);

    private final Path launcher;
    private final String temporalClasspath;
    private final Path temporalCli;
    /** Prose: on a terminal, each line folded at its width. */
    private final PrintWriter out;
    /** What the live screen draws on, as it is: it fits its screen to the terminal itself. */
    private final PrintWriter screenOut;
    private final boolean terminal;

    /** @param temporalCli the temporal CLI whose dev server to run, or null for the embedded test server */
    Demo(Path launcher, String temporalClasspath, Path temporalCli, PrintWriter out, boolean terminal) {
        this.launcher = launcher;
        this.temporalClasspath = temporalClasspath;
        this.temporalCli = temporalCli;
        this.out = terminal ? new PrintWriter(new FoldingWriter(out), true) : out;
        this.screenOut = out;
        this.terminal = terminal;
    }

    /** Runs the demo; 0 when every check passed. Everything it started is gone when it returns. */
    public int run(int nodeCount) throws Exception {
        Instant begun = Instant.now();
        LocalCluster.Launch launch = new LocalCluster.Launch(List.of(launcher.toString()), temporalClasspath,
                temporalCli);
        String master = "node-" + (char) ('a' + nodeCount / 2);
        LocalCluster.Options options = LocalCluster.Options.defaults().withNodes(nodeCount).withMaster(master)
                .withRebootDelay(REBOOT_TIME).withRebootTimeout(Duration.ofMinutes(2));
        out.println("distreboot demo: " + nodeCount + " simulated nodes, " + master + " is the master; each reboot"
                + " takes " + REBOOT_TIME.toSeconds() + "s and restarts that node's daemon with a new boot id");
        try (LocalCluster cluster = LocalCluster.prepare("demo", options, launch)) {
            Thread cleanup = new Thread(cluster::close, "demo-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                out.println("starting " + cluster.temporal().description() + " and an embedded PostgreSQL...");
                if (temporalCli == null) {
                    out.println("(for the Temporal Web UI, put the temporal CLI on the PATH or name it with"
                            + " --temporal=PATH: " + TemporalDevServer.PINNED + ")");
                }
                out.flush();
                cluster.startServices();
                cluster.runPage().ifPresent(page -> out.println("Temporal Web UI, the run's page: " + page));
                out.println("starting " + nodeCount + " daemons (" + cluster.base + ")...");
                out.flush();
                cluster.startDaemons(Duration.ofSeconds(120));
                int checks = rebootAndReport(cluster, master, begun);
                cluster.runPage().ifPresent(this::keepTheUiUp);
                return checks;
            } finally {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        }
    }

    /** On a terminal, the finished run stays in the Web UI until the operator has seen it. */
    private void keepTheUiUp(String page) {
        if (!terminal) {
            return;
        }
        out.println();
        out.println("The Temporal Web UI keeps the run at " + page);
        out.print("press Enter to stop the services and exit (everything is removed) ");
        out.flush();
        try {
            System.in.read();
        } catch (IOException e) {
            // stdin gone: stop now
        }
    }

    private int rebootAndReport(LocalCluster cluster, String master, Instant begun) throws Exception {
        List<String> bootIdsBefore = new ArrayList<>();
        for (String node : cluster.nodes) {
            bootIdsBefore.add(cluster.bootId(node));
        }
        Process reboot = new ProcessBuilder(cluster.launcher().toString(), "--node=" + cluster.dir(cluster.nodes.get(0)),
                "--reboot").redirectErrorStream(true).start();
        String said = new String(reboot.getInputStream().readAllBytes());
        if (reboot.waitFor() != 0) {
            out.println("distreboot --reboot refused:\n" + said);
            return 1;
        }
        out.println("$ distreboot --reboot");
        said.lines().forEach(line -> out.println("  " + line));
        out.println();

        WorkflowClient client = cluster.temporalClient();
        DistributedRebootWorkflow workflow = client.newWorkflowStub(DistributedRebootWorkflow.class,
                TaskQueues.workflowId(cluster.name));
        DemoScreen screen = new DemoScreen(screenOut, terminal);
        List<String> masters = new ArrayList<>(List.of(master));
        RebootStatus run = null;
        Instant runStarted = Instant.now();
        while (run == null || run.phase().active()) {
            Thread.sleep(terminal ? 250 : 500);
            if (!cluster.temporal().isAlive() || !cluster.postgres().isRunning()) {
                out.println((cluster.temporal().isAlive() ? "the embedded PostgreSQL" : cluster.temporal().description())
                        + " exited; the demo stops (logs under " + cluster.base + " are removed with it)");
                return 1;
            }
            ClusterHeartbeats heartbeats = cluster.heartbeats();
            run = workflow.status();
            heartbeats.nodes().stream().filter(n -> !n.stale() && "master".equals(n.role()))
                    .map(NodeHeartbeatRow::node).findFirst()
                    .filter(now -> !now.equals(masters.get(masters.size() - 1))).ifPresent(masters::add);
            screen.show(run, heartbeats, runStarted);
            if (Duration.between(runStarted, Instant.now()).compareTo(Duration.ofMinutes(5)) > 0) {
                out.println("the demo's reboot did not finish within 5 minutes");
                return 1;
            }
        }
        return summary(cluster, run, master, masters, bootIdsBefore, begun);
    }

    private int summary(LocalCluster cluster, RebootStatus run, String master, List<String> masters,
                        List<String> bootIdsBefore, Instant begun) throws Exception {
        out.println();
        out.println("summary");
        out.println("  order:              " + String.join(" -> ", run.order()));
        for (NodeStatus node : run.nodes()) {
            List<Long> reboots = cluster.times(node.node(), "reboots.log");
            String downtime = reboots.isEmpty() || node.finishedAt() == null ? "-"
                    : String.format("%.1fs", (node.finishedAt().toEpochMilli() - reboots.get(0)) / 1000.0);
            out.printf("  %-8s downtime %6s   boot %s -> %s%n", node.node(), downtime, node.bootIdBefore(),
                    node.bootIdAfter());
        }
        out.printf("  total:              %.1fs for the reboot (%.1fs with set-up)%n",
                Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0,
                Duration.between(begun, Instant.now()).toMillis() / 1000.0);
        out.println("  master transitions: " + (masters.size() - 1) + " (" + String.join(" -> ", masters) + ")");
        cluster.runPage().ifPresent(page -> out.println("  Temporal Web UI:    " + page));

        List<String> failures = new ArrayList<>();
        if (run.phase() != Phase.COMPLETED) {
            failures.add("the run ended " + run.phase() + ": " + run.reason());
        }
        for (int i = 0; i < cluster.nodes.size(); i++) {
            String node = cluster.nodes.get(i);
            int reboots = cluster.times(node, "reboots.log").size();
            if (reboots != 1 || Objects.equals(cluster.bootId(node), bootIdsBefore.get(i))) {
                failures.add(node + " rebooted " + reboots + " times");
            }
        }
        List<String> order = cluster.rebootOrder();
        if (order.isEmpty() || !order.get(order.size() - 1).equals(master)) {
            failures.add("the master " + master + " was not rebooted last: " + order);
        }
        if (failures.isEmpty()) {
            out.println("  check:              every node rebooted exactly once (by boot id), master "
                    + master + " last: OK");
            return 0;
        }
        failures.forEach(failure -> out.println("  check FAILED:       " + failure));
        return 1;
    }
}
