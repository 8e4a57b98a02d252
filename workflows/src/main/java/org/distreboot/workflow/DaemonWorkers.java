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
    /**
     * How long a workflow task waits for the worker that holds its run in its cache before any
     * daemon may take it: a daemon stopped by its node's reboot gives its runs back as it stops,
     * one killed outright holds the next task up this long.
     */
    private static final Duration STICKY_PATIENCE = Duration.ofSeconds(1);
    /**
     * How long a workflow task may hold its thread before the SDK calls it a deadlock: not the
     * SDK's 1 s, which a cold JVM's first task (the warm-up's replay among them) outlasts on a slow
     * machine, under emulation or sharing two cores with the test service, and which would fail
     * the task, with a stack trace, to have it retried. A workflow that truly blocks is still told
     * of, with its threads, before its task's timeout (10 s).
     */
    private static final Duration COLD_TASK_PATIENCE = Duration.ofSeconds(9);
    // A reboot is a handful of tasks a minute: a poller or two per queue, not the SDK's five,
    // keeps each daemon's threads and buffers few.
    private static final WorkerOptions NOT_STICKY = options(Duration.ZERO);
    private static final WorkerOptions STICKY = options(STICKY_PATIENCE);

    private DaemonWorkers() {
    }

    /**
     * Both queues on one factory, polled at once: the simulated daemons of the workflow tests, on
     * the test server (so without sticky execution, see {@link #clusterWorker}).
     */
    public static WorkerFactory start(WorkflowClient client, String cluster, String node,
                                      ClusterActivities clusterActivities, NodeActivities nodeActivities) {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        clusterWorker(factory, cluster, clusterActivities, NOT_STICKY);
        nodeWorker(factory, cluster, node, nodeActivities);
        factory.start();
        return factory;
    }

    /**
     * The cluster queue's worker on {@code factory}: the workflow and the cluster-wide activities.
     * With {@code sticky} it keeps a run in its cache between the run's tasks (a real server);
     * without, every task replays the run's history: the Temporal test server, which would leave
     * a task on a dead worker's sticky queue for ever.
     */
    public static Worker clusterWorker(WorkerFactory factory, String cluster, ClusterActivities activities,
                                       boolean sticky) {
        return clusterWorker(factory, cluster, activities, sticky ? STICKY : NOT_STICKY);
    }

    private static Worker clusterWorker(WorkerFactory factory, String cluster, ClusterActivities activities,
                                        WorkerOptions options) {
        Worker worker = factory.newWorker(TaskQueues.cluster(cluster), options);
        worker.registerWorkflowImplementationTypes(DistributedRebootWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        return worker;
    }

    /** This node's queue's worker on {@code factory}: the node's own activities. */
    public static void nodeWorker(WorkerFactory factory, String cluster, String node, NodeActivities activities) {
        factory.newWorker(TaskQueues.node(cluster, node), NOT_STICKY).registerActivitiesImplementations(activities);
    }

    private static WorkerOptions options(Duration stickyPatience) {
        return WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(stickyPatience)
                .setMaxConcurrentWorkflowTaskPollers(2)
                .setMaxConcurrentActivityTaskPollers(1)
                .setDefaultDeadlockDetectionTimeout(COLD_TASK_PATIENCE.toMillis())
                .build();
    }
}
