package org.distreboot.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
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

    private final WorkerFactory node;
    private final WorkerFactory cluster;
    private boolean stopping;

    private WarmingWorkers(WorkerFactory node, WorkerFactory cluster) {
        this.node = node;
        this.cluster = cluster;
    }

    static WarmingWorkers start(WorkflowClient client, String cluster, String node, boolean sticky,
                                ClusterActivities clusterActivities, NodeActivities nodeActivities) {
        WorkerFactory nodeFactory = WorkerFactory.newInstance(client);
        DaemonWorkers.nodeWorker(nodeFactory, cluster, node, nodeActivities);
        nodeFactory.start();
        WorkerFactory clusterFactory = WorkerFactory.newInstance(client);
        Worker clusterWorker = DaemonWorkers.clusterWorker(clusterFactory, cluster, clusterActivities, sticky);
        WarmingWorkers workers = new WarmingWorkers(nodeFactory, clusterFactory);
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

    /** No new tasks; those in flight go on. */
    synchronized void shutdown() {
        stopping = true;
        node.shutdown();
        cluster.shutdown();
    }

    void awaitTermination(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        node.awaitTermination(timeout, unit);
        cluster.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    synchronized void shutdownNow() {
        stopping = true;
        node.shutdownNow();
        cluster.shutdownNow();
    }
}
