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

    /** The cluster queue's worker on {@code factory}: the workflow and the cluster-wide activities. */
    public static Worker clusterWorker(WorkerFactory factory, String cluster, ClusterActivities activities) {
        Worker worker = factory.newWorker(TaskQueues.cluster(cluster), OPTIONS);
        worker.registerWorkflowImplementationTypes(DistributedRebootWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        return worker;
    }

    /** This node's queue's worker on {@code factory}: the node's own activities. */
    public static void nodeWorker(WorkerFactory factory, String cluster, String node, NodeActivities activities) {
        factory.newWorker(TaskQueues.node(cluster, node), OPTIONS).registerActivitiesImplementations(activities);
    }
}
