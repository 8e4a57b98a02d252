package org.distreboot.workflow;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/**
 * The Temporal side of one node's daemon: a worker on the cluster's queue (the workflow and
 * cluster-wide activities, which any node may run) and one on this node's own queue.
 */
public final class DaemonWorkers {
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
    public static WarmingWorkers startWarmingUp(WorkflowClient client, String cluster, String node,
                                         ClusterActivities clusterActivities, NodeActivities nodeActivities) {
        WorkerFactory nodeFactory = WorkerFactory.newInstance(client);
        nodeWorker(nodeFactory, cluster, node, nodeActivities);
        nodeFactory.start();
        WorkerFactory clusterFactory = WorkerFactory.newInstance(client);
        Worker clusterWorker = clusterWorker(clusterFactory, cluster, clusterActivities);
        WarmingWorkers workers = new WarmingWorkers(nodeFactory, clusterFactory);
        Thread warming = new Thread(() -> workers.startClusterQueue(clusterWorker), "workflow-warm-up");
        warming.setDaemon(true);
        warming.start();
        return workers;
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
