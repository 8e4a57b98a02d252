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
    private DaemonWorkers() {
    }

    public static WorkerFactory start(WorkflowClient client, String cluster, String node,
                                      ClusterActivities clusterActivities, NodeActivities nodeActivities) {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        // Needed with the Temporal test server, harmless elsewhere: without it a workflow whose
        // worker died waits on that worker's sticky queue instead of moving to another node.
        // A reboot is a handful of tasks a minute: a poller or two per queue, not the SDK's five,
        // keeps each daemon's threads and buffers few.
        WorkerOptions options = WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                .setMaxConcurrentWorkflowTaskPollers(2)
                .setMaxConcurrentActivityTaskPollers(1)
                .build();
        Worker clusterWorker = factory.newWorker(TaskQueues.cluster(cluster), options);
        clusterWorker.registerWorkflowImplementationTypes(DistributedRebootWorkflowImpl.class);
        clusterWorker.registerActivitiesImplementations(clusterActivities);
        Worker nodeWorker = factory.newWorker(TaskQueues.node(cluster, node), options);
        nodeWorker.registerActivitiesImplementations(nodeActivities);
        factory.start();
        return factory;
    }
}
