package org.distreboot.workflow;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon's two worker factories ({@link DaemonWorkers#startWarmingUp}): its node queue's,
 * polling from the start, and the cluster queue's, started once the workflow has warmed up; stopped
 * together.
 */
public final class WarmingWorkers {
    private static final Logger log = LoggerFactory.getLogger(WarmingWorkers.class);

    private final WorkerFactory node;
    private final WorkerFactory cluster;
    private boolean stopping;

    WarmingWorkers(WorkerFactory node, WorkerFactory cluster) {
        this.node = node;
        this.cluster = cluster;
    }

    void startClusterQueue(Worker worker) {
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
                log.info("workflow warmed up in {} ms: polling {}", TimeUnit.NANOSECONDS.toMillis(
                        System.nanoTime() - began), worker.getTaskQueue());
            }
        }
    }

    /** No new tasks; those in flight go on. */
    public synchronized void shutdown() {
        stopping = true;
        node.shutdown();
        cluster.shutdown();
    }

    public void awaitTermination(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        node.awaitTermination(timeout, unit);
        cluster.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    public synchronized void shutdownNow() {
        stopping = true;
        node.shutdownNow();
        cluster.shutdownNow();
    }
}
