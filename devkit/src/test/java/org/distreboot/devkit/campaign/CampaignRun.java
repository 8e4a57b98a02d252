package org.distreboot.devkit.campaign;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.distreboot.devkit.CliResult;
import org.distreboot.devkit.E2eCluster;
import org.distreboot.devkit.LocalCluster;
import org.distreboot.devkit.campaign.Fault.Cancel;
import org.distreboot.devkit.campaign.Fault.ClockOff;
import org.distreboot.devkit.campaign.Fault.DropDownNode;
import org.distreboot.devkit.campaign.Fault.KillDaemon;
import org.distreboot.devkit.campaign.Fault.KillTemporal;
import org.distreboot.devkit.campaign.Fault.KilledStart;
import org.distreboot.devkit.campaign.Fault.RestartPostgres;
import org.distreboot.devkit.campaign.Fault.StopDaemon;
import org.distreboot.workflow.TaskQueues;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.RebootStatus;

/**
 * One run of the campaign: a five-node cluster on the Temporal dev server, its draincmd taking half
 * a second (so that a drain can be struck), a distributed reboot, the plan's faults each at its
 * moment, seen from the run's status and the hosts' logs; then the record for {@link Invariants}.
 */
final class CampaignRun implements AutoCloseable {
    static final List<String> ORDER = List.of("node-a", "node-c", "node-d", "node-e", "node-b");
    static final String MASTER = "node-b";
    private static final Duration BOUND = Duration.ofMinutes(5);
    private static final Duration TTL = LocalCluster.Options.defaults().heartbeatTtl();
    /** How long a simulated host stays down; its daemon's start after it takes longer. */
    private static final Duration REBOOT_DELAY = Duration.ofMillis(500);
    /** How long a node dropped while down stays down: long enough to be seen down and dropped. */
    private static final int DROPPED_NODE_DOWN_SECONDS = 15;

    private final FaultPlan plan;
    private final E2eCluster cluster;
    private final WorkflowServiceStubs stubs;
    private final WorkflowClient observer;
    private final AtomicReference<RebootStatus> status = new AtomicReference<>();
    private final List<CompletableFuture<Void>> strikes = new ArrayList<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private volatile Long cancelledAt;
    private volatile boolean observing = true;

    CampaignRun(FaultPlan plan, Path temporalCli) throws Exception {
        this.plan = plan;
        this.cluster = E2eCluster.create("campaign-" + Long.toHexString(plan.seed()), LocalCluster.Options.defaults()
                .withNodes(ORDER.size()).withMaster(MASTER).withRebootTimeout(Duration.ofSeconds(90))
                .withRebootDelay(REBOOT_DELAY), temporalCli);
        this.stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(cluster.temporal().target()).setRpcQueryTimeout(Duration.ofSeconds(2)).build());
        this.observer = WorkflowClient.newInstance(stubs);
    }

    /** Runs the plan; the outcome line's parts and the record to check. */
    RunRecord run() throws Exception {
        prepareNodes();
        cluster.startDaemons();
        for (ClockOff clock : plan.all(ClockOff.class)) {
            // The daemon writes its status file after its first heartbeat: it may not be there yet.
            Instant seen = Instant.parse(cluster.awaitDaemonStatus(clock.node(), s -> s.has("startedAt"),
                    Duration.ofSeconds(30)).path("startedAt").asText());
            if (Duration.between(Instant.now(), seen).abs().compareTo(Duration.ofHours(1)) < 0) {
                problems.add(clock.node() + "'s clock is not off: its daemon started at " + seen);
            }
        }
        Thread watcher = new Thread(this::observe, "campaign-observer");
        watcher.setDaemon(true);
        watcher.start();
        startTheRun();
        Set<Fault> struck = new HashSet<>();
        long deadline = System.nanoTime() + BOUND.toNanos();
        String outcome = "RUNNING";
        while (System.nanoTime() < deadline) {
            for (Fault fault : plan.faults()) {
                if (!struck.contains(fault) && due(fault)) {
                    struck.add(fault);
                    strikes.add(CompletableFuture.runAsync(() -> strike(fault)));
                }
            }
            Optional<String> ended = ended();
            if (ended.isPresent()) {
                outcome = ended.get();
                break;
            }
            Thread.sleep(50);
        }
        RebootStatus last = finalStatus().orElse(status.get());
        if (outcome.equals("RUNNING") && last != null && last.phase().name().equals("STALLED")) {
            outcome = "STALLED";
        }
        observing = false;
        CompletableFuture.allOf(strikes.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        awaitRebootsInFlight();
        return record(outcome, last);
    }

    List<String> problems() {
        return problems;
    }

    private void prepareNodes() throws IOException {
        for (String node : ORDER) {
            Path dir = cluster.dir(node);
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("draincmd", "echo $(date +%s%3N) >> " + dir.resolve("drains.log") + "; sleep 0.5; "
                    + property(node, "draincmd"));
            if (plan.all(DropDownNode.class).stream().anyMatch(drop -> ORDER.get(drop.turn()).equals(node))) {
                String rebootcmd = property(node, "rebootcmd");
                String delay = " " + REBOOT_DELAY.toMillis() / 1000.0 + " ";
                properties.put("rebootcmd", rebootcmd.replace(delay, " " + DROPPED_NODE_DOWN_SECONDS + " "));
            }
            cluster.setProperties(node, properties);
        }
        for (ClockOff clock : plan.all(ClockOff.class)) {
            Files.writeString(cluster.dir(clock.node()).resolve("clock-offset"), (clock.hours() > 0 ? "+" : "")
                    + clock.hours() + "h\n");
        }
    }

    private String property(String node, String key) throws IOException {
        return Files.readAllLines(cluster.dir(node).resolve("distreboot.properties")).stream()
                .filter(line -> line.startsWith(key + "=")).map(line -> line.substring(key.length() + 1))
                .findFirst().orElseThrow();
    }

    /** As an operator does: --reboot; when the plan kills that command, look, and start it again if it did not. */
    private void startTheRun() throws Exception {
        for (KilledStart killed : plan.all(KilledStart.class)) {
            Process start = new ProcessBuilder(cluster.launcher().toString(), "--node=" + cluster.dir("node-a"), "--reboot")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(killed.afterMillis());
            start.destroyForcibly();
            start.waitFor();
            Thread.sleep(2000);
            if (workflowStatus().isPresent()) {
                return;
            }
        }
        CliResult started = cluster.cli("node-a", "--reboot");
        if (started.exitCode() != 0) {
            problems.add("--reboot failed: " + started.err().strip());
        }
    }

    private void observe() {
        while (observing) {
            try {
                status.set(observer.newUntypedWorkflowStub(workflowId()).query("status", RebootStatus.class));
            } catch (RuntimeException unanswered) {
                // Temporal or every worker down for a moment: the last status stands
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether the fault's moment has come (or passed: the status may be seen late). */
    private boolean due(Fault fault) {
        if (fault instanceof DropDownNode drop) {
            String node = ORDER.get(drop.turn());
            return count(node, "reboots.log") > 0 && count(node, "starts.log") == 0;
        }
        return fault.moment().map(this::reached).orElse(false);
    }

    private boolean reached(Moment moment) {
        String node = ORDER.get(moment.turn());
        return progress(node) >= moment.phase().ordinal();
    }

    /** How far the node's turn has come, as a {@link Moment.Phase} ordinal (-1: not begun). */
    private int progress(String node) {
        if (count(node, "starts.log") > 0) {
            return Moment.Phase.REJOIN.ordinal();
        }
        if (count(node, "reboots.log") > 0) {
            return Moment.Phase.MID_REBOOT.ordinal();
        }
        if (count(node, "drains.log") > 0) {
            return Moment.Phase.DRAIN.ordinal();
        }
        RebootStatus seen = status.get();
        Optional<NodeStatus> state = seen == null ? Optional.empty() : seen.node(node);
        if (state.isPresent() && state.get().state() != NodeState.PENDING) {
            return Moment.Phase.AFTER_BOOT_ID.ordinal();
        }
        if (seen != null && node.equals(seen.current())) {
            return Moment.Phase.BEFORE_BOOT_ID.ordinal();
        }
        return -1;
    }

    private void strike(Fault fault) {
        try {
            Thread.sleep(fault.moment().map(Moment::delayMillis).orElse(0));
            if (fault instanceof KillDaemon kill) {
                killDaemon(kill.victim());
            } else if (fault instanceof StopDaemon stop) {
                stopPastTheTtl(stop.victim());
            } else if (fault instanceof RestartPostgres restart) {
                synchronized (cluster.postgres()) {
                    if (restart.kill()) {
                        cluster.postgres().kill();
                    } else {
                        cluster.postgres().stop();
                    }
                    Thread.sleep(restart.outageMillis());
                    cluster.postgres().start();
                }
            } else if (fault instanceof KillTemporal kill) {
                synchronized (cluster.temporal()) {
                    cluster.temporal().stop();
                    Thread.sleep(kill.outageMillis());
                    cluster.temporal().start();
                }
            } else if (fault instanceof Cancel) {
                long before = System.currentTimeMillis();
                if (cluster.cli("node-c", "--cancel").exitCode() == 0) {
                    cancelledAt = before;
                }
            } else if (fault instanceof DropDownNode drop) {
                dropWhileDown(ORDER.get(drop.turn()));
            }
        } catch (Exception e) {
            problems.add(fault.describe(ORDER) + " could not be done: " + e);
        }
    }

    /**
     * --drop, as an operator would: a node whose daemon died without a last word looks alive until its
     * heartbeat expires, and the drop is refused until then; with Temporal down (another fault) it says
     * so (exit 3) and is tried again. It must be taken while the node is down.
     */
    private void dropWhileDown(String node) throws Exception {
        CliResult result = cluster.cli("node-a", "--drop=" + node);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((result.exitCode() == 1 && result.err().contains("is alive") || result.exitCode() == 3)
                && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            result = cluster.cli("node-a", "--drop=" + node);
        }
        if (result.exitCode() != 0) {
            problems.add("--drop of " + node + " while down failed: " + result.err().strip());
        }
    }

    private void stopPastTheTtl(String victim) throws Exception {
        Optional<Long> pid = cluster.daemonPid(victim);
        if (pid.isPresent()) {
            signal("STOP", pid.get());
            Thread.sleep(TTL.toMillis() + 2000);
            signal("CONT", pid.get());
        }
    }

    /** kill -9, and, as init does for a daemon that died, a start a second later unless the host is rebooting. */
    private void killDaemon(String victim) throws Exception {
        Optional<Long> pid = cluster.daemonPid(victim);
        if (pid.isEmpty()) {
            return;
        }
        ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid.get()).ifPresent(process -> process.onExit().join());
        Thread.sleep(1000);
        if (!Files.exists(cluster.dir(victim).resolve("rebooter.pid")) && cluster.daemonPid(victim).isEmpty()) {
            cluster.startDaemon(victim);
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
    }

    /** COMPLETED or CANCELLED once the workflow closed; FAILED when it failed. */
    private Optional<String> ended() {
        return workflowStatus().filter(s -> s != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
                .map(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
                        ? finalStatus().map(r -> r.phase().name()).orElse("COMPLETED") : "FAILED (" + s + ")");
    }

    private Optional<WorkflowExecutionStatus> workflowStatus() {
        try {
            return Optional.of(observer.newUntypedWorkflowStub(workflowId()).describe().getStatus());
        } catch (RuntimeException notThereOrUnreachable) {
            return Optional.empty();
        }
    }

    private Optional<RebootStatus> finalStatus() {
        try {
            WorkflowStub stub = observer.newUntypedWorkflowStub(workflowId());
            if (stub.describe().getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
                return Optional.empty();
            }
            return Optional.of(stub.getResult(5, TimeUnit.SECONDS, RebootStatus.class));
        } catch (Exception notEnded) {
            return Optional.empty();
        }
    }

    /** A node the run left to come back (a cancel, a drop) finishes its reboot before the logs are read. */
    private void awaitRebootsInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(DROPPED_NODE_DOWN_SECONDS + 20).toNanos();
        while (ORDER.stream().anyMatch(node -> Files.exists(cluster.dir(node).resolve("rebooter.pid")))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private RunRecord record(String outcome, RebootStatus last) throws IOException {
        Map<String, List<Long>> reboots = new LinkedHashMap<>();
        Map<String, List<Long>> starts = new LinkedHashMap<>();
        for (String node : ORDER) {
            reboots.put(node, cluster.times(node, "reboots.log"));
            starts.put(node, cluster.times(node, "starts.log"));
        }
        List<String> done = last == null ? List.of() : last.withState(NodeState.DONE);
        List<String> dropped = last == null ? List.of() : last.withState(NodeState.DROPPED);
        return new RunRecord(ORDER, MASTER, reboots, starts, outcome, last == null ? null : last.reason(), done, dropped,
                cancelRecorded().orElse(cancelledAt), !plan.all(Cancel.class).isEmpty());
    }

    /**
     * When Temporal recorded the --cancel signal: the moment the run can first see it. The command
     * starts a JVM before it signals, and on a busy machine a node's whole turn may pass meanwhile,
     * so the time the command began is not when the cancel was accepted.
     */
    private Optional<Long> cancelRecorded() {
        if (cancelledAt == null) {
            return Optional.empty();
        }
        try {
            return observer.fetchHistory(workflowId()).getEvents().stream()
                    .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
                    .filter(event -> event.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals("cancel"))
                    .map(event -> event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000)
                    .findFirst();
        } catch (RuntimeException e) {
            problems.add("could not read when the cancel was recorded: " + e.getMessage());
            return Optional.empty();
        }
    }

    private int count(String node, String log) {
        try {
            return cluster.times(node, log).size();
        } catch (IOException | RuntimeException notYet) {
            return 0;
        }
    }

    private String workflowId() {
        return TaskQueues.workflowId(cluster.name);
    }

    @Override
    public void close() {
        observing = false;
        stubs.shutdownNow();
        cluster.close();
    }
}
