package org.distreboot.workflow;

import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.distreboot.workflow.legacy.LegacyClusterActivities;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.Notice;
import org.distreboot.workflow.values.Plan;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.RebootOutcome;
import org.distreboot.workflow.values.Role;
import org.distreboot.workflow.values.Verdict;

/**
 * A cluster of simulated nodes for workflow tests. Each running node has a daemon: its own
 * Temporal WorkerFactory polling the cluster queue (workflow, cluster activities) and its node
 * queue. A reboot kills that daemon and, after {@code rebootTime}, starts a new one on a new
 * boot id, so rejoin detection and crash recovery go through real task routing.
 */
final class SimulatedCluster implements AutoCloseable {
    static final String NAME = "sim";

    private final WorkflowClient client;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> plans = new HashMap<>();
    private final List<String> rebootLog = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Consumer<String> onReboot = node -> { };
    private final List<Notice> notices = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean webhookDown;
    private int mostDown;
    private int mostDownInGroup;

    /** One simulated machine. Guarded by the cluster's monitor. */
    private static final class Node {
        final String name;
        int boot = 1;
        boolean daemonUp;
        boolean ready = true;
        boolean master;
        boolean hasHeartbeat;
        boolean comesBack = true;
        boolean dieInsideRebootCall;
        boolean drainFails;
        String blockedBecause;
        String claimedBy;
        String group;
        /** Its reboot-required sentinel: null when its daemon does not say (as before sentinels). */
        Boolean rebootRequired;
        boolean sentinelComesBack;
        Duration rebootTime;
        int reboots;
        boolean rebooting;
        WorkerFactory daemon;

        Node(String name) {
            this.name = name;
        }

        String bootId() {
            return name + "-boot-" + boot;
        }
    }

    SimulatedCluster(WorkflowClient client, Duration rebootTime, List<String> names, String master) {
        this.client = client;
        for (String name : names) {
            Node node = new Node(name);
            node.master = name.equals(master);
            node.rebootTime = rebootTime;
            nodes.put(name, node);
        }
        names.forEach(this::startDaemon);
    }

    // ---- what the tests arrange and observe

    /** {@code name} is master too: of its own quorum group. */
    synchronized void alsoMaster(String name) {
        nodes.get(name).master = true;
    }

    /** {@code name} is a member of quorum group {@code group}. */
    synchronized void inGroup(String name, String group) {
        nodes.get(name).group = group;
    }

    /** Whether {@code name}'s reboot-required sentinel is there (a reboot removes it); null: its daemon does not say. */
    synchronized void sentinel(String name, Boolean there) {
        nodes.get(name).rebootRequired = there;
    }

    /** {@code name}'s reboot-required sentinel is there again after its reboot (a package installed at boot). */
    synchronized void sentinelComesBack(String name) {
        nodes.get(name).sentinelComesBack = true;
    }

    /** The most nodes that were rebooting at once, and the most of one group. */
    synchronized int mostDownAtOnce() {
        return mostDown;
    }

    synchronized int mostDownInOneGroup() {
        return mostDownInGroup;
    }

    synchronized void onReboot(Consumer<String> hook) {
        this.onReboot = hook;
    }

    /** When {@code rebooting}'s rebootcmd runs, {@code alsoDown}'s daemon stops: the cluster is not whole after it. */
    void stopsWith(String rebooting, String alsoDown) {
        onReboot(node -> {
            if (node.equals(rebooting)) {
                stopDaemon(alsoDown);
            }
        });
    }

    synchronized void makeMaster(String name) {
        nodes.values().forEach(n -> n.master = n.name.equals(name));
    }

    synchronized void setReady(String name, boolean ready) {
        nodes.get(name).ready = ready;
    }

    /** Two hosts post as {@code name} (named in {@code hosts}), or, with null, only one again. */
    synchronized void claimedBy(String name, String hosts) {
        nodes.get(name).claimedBy = hosts;
    }

    synchronized void neverComesBack(String name) {
        nodes.get(name).comesBack = false;
    }

    /** {@code name}, which was not coming back, boots now and its daemon starts. */
    synchronized void bootsAgain(String name) {
        Node node = nodes.get(name);
        node.comesBack = true;
        node.boot++;
        node.rebooting = false;
        startDaemon(name);
    }

    synchronized void takesToReboot(String name, Duration time) {
        nodes.get(name).rebootTime = time;
    }

    /** The blockcmd of {@code name} says {@code why} (null: nothing blocks it). */
    synchronized void blocks(String name, String why) {
        nodes.get(name).blockedBecause = why;
    }

    /** The draincmd of {@code name} will fail, as one that cannot hand leadership over. */
    synchronized void drainFails(String name) {
        nodes.get(name).drainFails = true;
    }

    /** The daemon of {@code name} will die inside the reboot call, after rebootcmd ran, before it answers. */
    synchronized void dieInsideRebootCall(String name) {
        nodes.get(name).dieInsideRebootCall = true;
    }

    synchronized void stopDaemon(String name) {
        Node node = nodes.get(name);
        node.daemonUp = false;
        node.daemon.shutdownNow();
    }

    /** The daemon of {@code name} starts again, on the same boot. */
    synchronized void restartDaemon(String name) {
        startDaemon(name);
    }

    synchronized int reboots(String name) {
        return nodes.get(name).reboots;
    }

    List<String> rebootLog() {
        synchronized (rebootLog) {
            return List.copyOf(rebootLog);
        }
    }

    synchronized boolean hasHeartbeat(String name) {
        return nodes.get(name).hasHeartbeat;
    }

    synchronized String bootId(String name) {
        return nodes.get(name).bootId();
    }

    // ---- the daemons

    private synchronized void startDaemon(String name) {
        Node node = nodes.get(name);
        node.daemonUp = true;
        node.hasHeartbeat = true;
        node.daemon = DaemonWorkers.start(client, NAME, name, new SimClusterActivities(), new SimNodeActivities(name));
    }

    private synchronized ClusterSnapshot snapshot() {
        Instant now = Instant.now();
        List<NodeHeartbeat> heartbeats = nodes.values().stream()
                .filter(n -> n.hasHeartbeat)
                .map(n -> new NodeHeartbeat(n.name, n.daemonUp ? now.plusSeconds(20) : now.minusSeconds(1),
                        !n.daemonUp, n.master ? Role.MASTER : Role.MEMBER, n.ready, n.bootId(), n.claimedBy,
                        n.group, n.rebootRequired))
                .toList();
        return new ClusterSnapshot(now, heartbeats);
    }

    /** What rebootcmd does: the daemon goes down, and (unless it never does) the node boots again. */
    private synchronized boolean runRebootCommand(String name) {
        Node node = nodes.get(name);
        node.reboots++;
        rebootLog.add(name);
        node.rebooting = true;
        countDown(node.group);
        onReboot.accept(name);
        WorkerFactory dying = node.daemon;
        clock.schedule(() -> {
            synchronized (this) {
                node.daemonUp = false;
            }
            dying.shutdownNow();
        }, 20, TimeUnit.MILLISECONDS);
        if (node.comesBack) {
            clock.schedule(() -> {
                synchronized (this) {
                    node.boot++;
                    node.rebooting = false;
                    if (node.rebootRequired != null) {
                        node.rebootRequired = node.sentinelComesBack;
                    }
                }
                startDaemon(name);
            }, node.rebootTime.toMillis(), TimeUnit.MILLISECONDS);
        }
        return node.dieInsideRebootCall;
    }

    /** Counts the nodes down from a reboot now: all of them, and those of {@code group}. */
    private void countDown(String group) {
        mostDown = Math.max(mostDown, (int) nodes.values().stream().filter(n -> n.rebooting).count());
        mostDownInGroup = Math.max(mostDownInGroup, (int) nodes.values().stream()
                .filter(n -> n.rebooting && Objects.equals(n.group, group)).count());
    }

    private void dieHere() {
        // The process is gone: it never answers. Only the end of the test releases the thread.
        while (true) {
            try {
                closed.await();
                throw new IllegalStateException("test over");
            } catch (InterruptedException ignored) {
                // a dead process does not react to anything
            }
        }
    }

    @Override
    public void close() {
        closed.countDown();
        clock.shutdownNow();
        synchronized (this) {
            nodes.values().forEach(n -> n.daemon.shutdownNow());
        }
    }

    /** What PostgreSQL's reboot_plan holds: the nodes of each run, fixed once. */
    private synchronized List<String> fixPlan(String key) {
        ClusterSnapshot snapshot = snapshot();
        return plans.computeIfAbsent(key, k -> Planner.order(snapshot,
                snapshot.nodes().stream().map(NodeHeartbeat::node).toList()));
    }

    private synchronized Verdict look(Look look) {
        List<String> members = plans.get(look.plan()).stream().filter(n -> !look.dropped().contains(n)).toList();
        return Planner.verdict(snapshot(), members, look.node(), look.bootIdBefore(), look.next(),
                Set.copyOf(look.failed()));
    }

    private final class SimClusterActivities implements LegacyClusterActivities {
        @Override
        public Plan plan(String key) {
            List<String> order = fixPlan(key);
            ClusterSnapshot now = snapshot();
            return new Plan(order, Planner.firstLook(now, order), Planner.groups(now, order),
                    Planner.noSentinel(now, order));
        }

        @Override
        public Verdict look(Look look) {
            return SimulatedCluster.this.look(look);
        }

        @Override
        public ClusterSnapshot snapshot() {
            return SimulatedCluster.this.snapshot();
        }

        /** Only runs whose drops began before "drop-leaves-heartbeat-to-command" call it: a test sees that none does. */
        @Override
        public boolean dropHeartbeat(String node) {
            synchronized (SimulatedCluster.this) {
                Node dropped = nodes.get(node);
                boolean had = dropped.hasHeartbeat;
                dropped.hasHeartbeat = false;
                return had;
            }
        }

        /** The webhook: each notice taken is kept; while it is down, every post fails. */
        @Override
        public void sendNotice(Notice notice) {
            if (webhookDown) {
                // As the daemons' own: benign, so the SDK logs no stack trace for it.
                throw ApplicationFailure.newBuilder().setMessage("the webhook is down").setType("NoticeFailed")
                        .setCategory(ApplicationErrorCategory.BENIGN).build();
            }
            notices.add(notice);
        }
    }

    /** The notices the webhook took, in the order it took them. */
    List<Notice> notices() {
        return List.copyOf(notices);
    }

    /** From now on every notice fails, as a webhook that is down does. */
    void webhookDown() {
        webhookDown = true;
    }

    private final class SimNodeActivities implements NodeActivities {
        private final String name;

        SimNodeActivities(String name) {
            this.name = name;
        }

        @Override
        public String bootId() {
            return SimulatedCluster.this.bootId(name);
        }

        private void drain(String bootIdBefore) {
            synchronized (SimulatedCluster.this) {
                if (nodes.get(name).drainFails) {
                    throw ApplicationFailure.newNonRetryableFailure("draincmd exited 1: no healthy follower",
                            DRAIN_FAILED);
                }
            }
        }

        private RebootOutcome reboot(String bootIdBefore) {
            if (!bootId().equals(bootIdBefore)) {
                return RebootOutcome.ALREADY_REBOOTED;
            }
            if (runRebootCommand(name)) {
                dieHere();
            }
            return RebootOutcome.REBOOT_STARTED;
        }

        @Override
        public RebootOutcome drainAndReboot(String bootIdBefore) {
            if (!bootId().equals(bootIdBefore)) {
                return RebootOutcome.ALREADY_REBOOTED;
            }
            synchronized (SimulatedCluster.this) {
                if (nodes.get(name).blockedBecause != null) {
                    throw ApplicationFailure.newNonRetryableFailure(nodes.get(name).blockedBecause, BLOCKED);
                }
            }
            drain(bootIdBefore);
            return reboot(bootIdBefore);
        }

        @Override
        public Verdict rejoin(Look look) {
            String now = awaitRejoin(look.bootIdBefore());
            return SimulatedCluster.this.look(look).withBootId(now);
        }

        private String awaitRejoin(String bootIdBefore) {
            String now = bootId();
            if (now.equals(bootIdBefore)) {
                throw ApplicationFailure.newFailure(name + " has not rebooted yet (attempt "
                        + Activity.getExecutionContext().getInfo().getAttempt() + ")", NOT_REBOOTED);
            }
            synchronized (SimulatedCluster.this) {
                if (!nodes.get(name).ready) {
                    throw ApplicationFailure.newFailure("healthcmd exited 1 on " + name, NOT_HEALTHY);
                }
            }
            return now;
        }
    }
}
