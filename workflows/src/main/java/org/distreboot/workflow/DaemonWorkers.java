package org.distreboot.workflow;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal side of one node's daemon: a worker on the cluster's queue (the workflow and
 * cluster-wide activities, which any node may run) and one on this node's own queue.
 */
public final class DaemonWorkers {
    private static final Logger log = LoggerFactory.getLogger(DaemonWorkers.class);
    // Needed with the Temporal test server, harmless elsewhere: without it a workflow whose
    // worker died waits on that worker's sticky queue instead of moving to another node.
    // A reboot is a handful of tasks a minute: a poller or two per queue, not the SDK's five,
    // keeps each daemon's threads and buffers few.
    private static final WorkerOptions OPTIONS = WorkerOptions.newBuilder()
            .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
            .setMaxConcurrentWorkflowTaskPollers(2)
            .setMaxConcurrentActivityTaskPollers(1)
            .build();

    private DaemonWorkers() {
    }

    /** Both queues on one factory, polled at once: the simulated daemons of the workflow tests. */
    public static WorkerFactory start(WorkflowClient client, String cluster, String node,
                                      ClusterActivities clusterActivities, NodeActivities nodeActivities) {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        clusterWorker(factory, cluster, clusterActivities);
        nodeWorker(factory, cluster, node, nodeActivities);
        factory.start();
        return factory;
    }

    /**
     * A daemon's workers: this node's queue polled at once (a rejoin waits for this daemon's first
     * poll), the cluster's queue once this JVM has replayed a bundled run ({@link WarmUp}), on a
     * thread of its own: a daemon just started would otherwise take the workflow task that follows
     * its own rejoin with the workflow's code not yet loaded, and hold the next reboot up.
     */
    public static Started startWarmingUp(WorkflowClient client, String cluster, String node,
                                         ClusterActivities clusterActivities, NodeActivities nodeActivities) {
        WorkerFactory nodeFactory = WorkerFactory.newInstance(client);
        nodeWorker(nodeFactory, cluster, node, nodeActivities);
        nodeFactory.start();
        WorkerFactory clusterFactory = WorkerFactory.newInstance(client);
        Worker clusterWorker = clusterWorker(clusterFactory, cluster, clusterActivities);
        Started started = new Started(nodeFactory, clusterFactory);
        Thread warming = new Thread(() -> started.startClusterQueue(clusterWorker), "workflow-warm-up");
        warming.setDaemon(true);
        warming.start();
        return started;
    }

    /** The two factories of {@link #startWarmingUp}, stopped together. */
    public static final class Started {
        private final WorkerFactory node;
        private final WorkerFactory cluster;
        private boolean stopping;

        private Started(WorkerFactory node, WorkerFactory cluster) {
            this.node = node;
            this.cluster = cluster;
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

    private static Worker clusterWorker(WorkerFactory factory, String cluster, ClusterActivities activities) {
        Worker worker = factory.newWorker(TaskQueues.cluster(cluster), OPTIONS);
        worker.registerWorkflowImplementationTypes(DistributedRebootWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        return worker;
    }

    private static void nodeWorker(WorkerFactory factory, String cluster, String node, NodeActivities activities) {
        factory.newWorker(TaskQueues.node(cluster, node), OPTIONS).registerActivitiesImplementations(activities);
    }
}
