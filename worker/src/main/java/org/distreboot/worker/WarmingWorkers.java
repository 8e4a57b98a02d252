package org.distreboot.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.distreboot.workflow.ClusterActivities;
import org.distreboot.workflow.DaemonWorkers;
import org.distreboot.workflow.NodeActivities;
import org.distreboot.workflow.WarmUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon's workers: this node's queue polled at once (a rejoin waits for this daemon's first
 * poll), the cluster's queue once this JVM has replayed a bundled run ({@link WarmUp}), on a
 * thread of its own: a daemon just started would otherwise take the workflow task that follows
 * its own rejoin with the workflow's code not yet loaded, and hold the next reboot up. The two
 * factories stop together.
 */
final class WarmingWorkers {
    private static final Logger log = LoggerFactory.getLogger(WarmingWorkers.class);
    private static final Duration IDLE_LOOK = Duration.ofMillis(5);

    private final WorkerFactory node;
    private final WorkerFactory cluster;
    private final HeldSlots slots;
    private boolean stopping;

    private WarmingWorkers(WorkerFactory node, WorkerFactory cluster, HeldSlots slots) {
        this.node = node;
        this.cluster = cluster;
        this.slots = slots;
    }

    static WarmingWorkers start(WorkflowClient client, String cluster, String node, boolean sticky,
                                ClusterActivities clusterActivities, NodeActivities nodeActivities) {
        HeldSlots slots = new HeldSlots();
        WorkerFactory nodeFactory = WorkerFactory.newInstance(client);
        DaemonWorkers.nodeWorker(nodeFactory, cluster, node, nodeActivities, slots.tuner());
        nodeFactory.start();
        WorkerFactory clusterFactory = WorkerFactory.newInstance(client);
        Worker clusterWorker = DaemonWorkers.clusterWorker(clusterFactory, cluster, clusterActivities, sticky,
                slots.tuner());
        WarmingWorkers workers = new WarmingWorkers(nodeFactory, clusterFactory, slots);
        DaemonThreads.named("workflow-warm-up").newThread(() -> workers.startClusterQueue(clusterWorker)).start();
        return workers;
    }

    private void startClusterQueue(Worker worker) {
        long began = System.nanoTime();
        try {
            WarmUp.replay(worker);
        } catch (Exception | LinkageError e) {
            log.warn("the workflow's warm-up replay failed ({}); polling the cluster queue anyway",
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        synchronized (this) {
            if (!stopping) {
                cluster.start();
                log.info("workflow warmed up in {} ms: polling {}",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), worker.getTaskQueue());
            }
        }
    }

    /** No new tasks (no new poll); those in flight go on. */
    synchronized void shutdown() {
        stopping = true;
        node.shutdown();
        cluster.shutdown();
    }

    /**
     * After {@link #shutdown}: waits until no worker holds a slot (no poll out, no task in hand: the
     * work in flight is done and answered) or {@code patience} has passed; true in the first case.
     */
    boolean awaitIdle(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!slots.none()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(IDLE_LOOK.toMillis());
        }
        return true;
    }

    synchronized void shutdownNow() {
        stopping = true;
        node.shutdownNow();
        cluster.shutdownNow();
    }
}
