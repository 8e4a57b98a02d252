package org.distreboot.devkit.scale;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.distreboot.workflow.ClusterActivities;
import org.distreboot.workflow.DistributedRebootWorkflowImpl;
import org.distreboot.workflow.NodeActivities;
import org.distreboot.workflow.TaskQueues;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.Notice;
import org.distreboot.workflow.values.Plan;
import org.distreboot.workflow.values.RebootOutcome;
import org.distreboot.workflow.values.Verdict;

/**
 * A fleet of fake nodes for bench/scale: every node healthy and its reboot instant, the last
 * name the master. Its cluster worker runs the real workflow; each node's queue gets a worker
 * only around its turn (a window of the next few), so ten thousand nodes need a handful of
 * workers at a time. With {@code staleAfterFirst}, the cluster never looks whole again after the
 * first node's reboot: a run that stalls for ever.
 */
final class FakeFleet implements AutoCloseable {
    static final String CLUSTER = "fleet";
    private static final int WINDOW = 4;
    /** Without sticky execution: every workflow task replays the run's history (the stall's fleet). */
    private static final WorkerOptions NOT_STICKY = WorkerOptions.newBuilder()
            .setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();

    private final WorkflowClient client;
    private final List<String> names;
    private final boolean staleAfterFirst;
    private final Deque<WorkerFactory> nodeWorkers = new ArrayDeque<>();
    private final Set<String> rejoined = ConcurrentHashMap.newKeySet();
    private final WorkerFactory cluster;
    private final WorkerOptions options;
    private int nextWorker;

    FakeFleet(WorkflowClient client, int size, boolean staleAfterFirst, boolean sticky) {
        this.client = client;
        this.options = sticky ? WorkerOptions.getDefaultInstance() : NOT_STICKY;
        this.names = IntStream.range(0, size).mapToObj(i -> String.format("node-%05d", i)).toList();
        this.staleAfterFirst = staleAfterFirst;
        cluster = WorkerFactory.newInstance(client);
        Worker worker = cluster.newWorker(TaskQueues.cluster(CLUSTER), options);
        worker.registerWorkflowImplementationTypes(DistributedRebootWorkflowImpl.class);
        worker.registerActivitiesImplementations(new Cluster());
        cluster.start();
        for (int i = 0; i < WINDOW; i++) {
            startNextNodeWorker();
        }
    }

    int rejoined() {
        return rejoined.size();
    }

    private synchronized void startNextNodeWorker() {
        if (nextWorker >= names.size()) {
            return;
        }
        String node = names.get(nextWorker++);
        WorkerFactory factory = WorkerFactory.newInstance(client);
        factory.newWorker(TaskQueues.node(CLUSTER, node), options).registerActivitiesImplementations(new Node(node));
        factory.start();
        nodeWorkers.addLast(factory);
    }

    /** A node is done: its worker goes, the next one past the window comes. */
    private synchronized void slide() {
        if (nodeWorkers.size() > WINDOW) {
            nodeWorkers.removeFirst().shutdown();
        }
        startNextNodeWorker();
    }

    /** What a daemon's look says: every node fresh (unless stalling), the last name master, the next one's boot. */
    private Verdict verdict(String bootId, String next) {
        boolean stale = staleAfterFirst && !rejoined.isEmpty();
        List<String> blockers = stale ? List.of(names.get(1) + ": heartbeat stale since … (daemon down)") : List.of();
        return new Verdict(blockers, 0, false, names.get(names.size() - 1), bootId, next,
                next == null ? null : bootIdOf(next, 1));
    }

    /** A boot id as Linux writes them, the same for a given node and boot. */
    private static String bootIdOf(String node, int boot) {
        return UUID.nameUUIDFromBytes((node + "/" + boot).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public synchronized void close() {
        nodeWorkers.forEach(WorkerFactory::shutdownNow);
        cluster.shutdownNow();
    }

    private final class Cluster implements ClusterActivities {
        @Override
        public Plan plan(String key) {
            return new Plan(names, verdict(null, names.get(0)));
        }

        @Override
        public Verdict look(Look look) {
            return verdict(null, look.next());
        }

        @Override
        public void sendNotice(Notice notice) {
            throw new UnsupportedOperationException("the fleet's runs have no notify.url");
        }
    }

    private final class Node implements NodeActivities {
        private final String name;

        Node(String name) {
            this.name = name;
        }

        @Override
        public String bootId() {
            return bootIdOf(name, 1);
        }

        @Override
        public RebootOutcome drainAndReboot(String bootIdBefore) {
            return RebootOutcome.REBOOT_STARTED;
        }

        /**
         * A run that continued as new with this node in flight asks again: the answer is the same,
         * and the window slides only once (sliding again would take this very worker away).
         */
        @Override
        public Verdict rejoin(Look look) {
            boolean first = rejoined.add(name);
            Verdict verdict = verdict(bootIdOf(name, 2), look.next());
            if (first) {
                slide();
            }
            return verdict;
        }
    }
}
