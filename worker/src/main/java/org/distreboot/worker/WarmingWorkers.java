package org.distreboot.worker;

import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.ResetStickyTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.distreboot.client.DaemonThreads;
import org.distreboot.workflow.ClusterActivities;
import org.distreboot.workflow.DaemonWorkers;
import org.distreboot.workflow.NodeActivities;
import org.distreboot.workflow.TaskQueues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon's workers: this node's queue polled at once (a rejoin waits for this daemon's first
 * poll), the cluster's queue once this JVM has replayed a bundled run ({@link WarmUp}), on a
 * thread of its own: a daemon just started would otherwise take the workflow task that follows
 * its own rejoin with the workflow's code not yet loaded, and hold the next reboot up.
 *
 * <p>Before its node's rebootcmd, the daemon leaves the cluster's queue ({@link #leaveClusterQueue}):
 * a workflow task it took as the machine went down would be lost with it, and the run held up
 * for the task's timeout (10 s). It polls it again, on a new factory, if the node stays up.
 *
 * <p>The factories stop together, and quickly: a stopping daemon is on its node's reboot path, so
 * the SDK looks for each stage of its graceful stop to end every 10 ms instead of every 250 ms.
 */
final class WarmingWorkers {
    private static final Logger log = LoggerFactory.getLogger(WarmingWorkers.class);
    private static final WorkerFactoryOptions QUICK_STOP = WorkerFactoryOptions.newBuilder()
            .setShutdownCheckInterval(Duration.ofMillis(10)).setWorkerInterceptors(new CallLogFields()).build();

    private final WorkflowClient client;
    private final String clusterName;
    private final boolean sticky;
    private final ClusterActivities clusterActivities;
    private WorkerFactory node;
    private WorkerFactory cluster;
    private boolean warmedUp;
    private boolean left;
    private boolean stopping;

    private WarmingWorkers(WorkflowClient client, String clusterName, boolean sticky,
                           ClusterActivities clusterActivities) {
        this.client = client;
        this.clusterName = clusterName;
        this.sticky = sticky;
        this.clusterActivities = clusterActivities;
    }

    /** The workers, none polling yet: {@link #start} them with this node's activities. */
    static WarmingWorkers of(WorkflowClient client, String cluster, boolean sticky, ClusterActivities activities) {
        return new WarmingWorkers(client, cluster, sticky, activities);
    }

    /** Polls each served node's queue for its activities at once, the cluster's queue after the warm-up. */
    void start(Map<String, NodeActivities> nodes) {
        WorkerFactory nodeFactory = WorkerFactory.newInstance(client, QUICK_STOP);
        nodes.forEach((name, activities) -> DaemonWorkers.nodeWorker(nodeFactory, clusterName, name, activities));
        Worker clusterWorker;
        synchronized (this) {
            node = nodeFactory;
            cluster = WorkerFactory.newInstance(client, QUICK_STOP);
            clusterWorker = DaemonWorkers.clusterWorker(cluster, clusterName, clusterActivities, sticky);
        }
        nodeFactory.start();
        DaemonThreads.named("workflow-warm-up").newThread(() -> startClusterQueue(clusterWorker)).start();
    }

    private void startClusterQueue(Worker worker) {
        long began = System.nanoTime();
        try {
            WarmUp.replay(worker);
        } catch (Exception | LinkageError e) {
            log.warn("the workflow's warm-up replay failed ({}); polling the cluster queue anyway",
                    ReplayFailure.reason(e));
        }
        synchronized (this) {
            warmedUp = true;
            if (!stopping && !left) {
                cluster.start();
                log.info("workflow warmed up in {} ms: polling {}",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), worker.getTaskQueue());
            }
        }
    }

    /**
     * Stops polling the cluster's queue, and waits (within {@code patience}) for the cluster's tasks
     * this daemon has taken to finish: this node is about to go down.
     */
    void leaveClusterQueue(Duration patience) {
        WorkerFactory leaving;
        synchronized (this) {
            if (stopping || left) {
                return;
            }
            left = true;
            leaving = cluster;
            leaving.shutdown();
        }
        long began = System.nanoTime();
        leaving.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (sticky) {
            unstick();
        }
        log.info("left the cluster queue in {} ms: this node goes down",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    /**
     * The run's next workflow task goes to the cluster's queue, not to this daemon's sticky queue:
     * the server would hold it there for the sticky patience (1 s) before it gave up on this daemon.
     * Best effort: a run that is not there, or a server that does not answer, changes nothing.
     */
    private void unstick() {
        try {
            client.getWorkflowServiceStubs().blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                    .resetStickyTaskQueue(ResetStickyTaskQueueRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(TaskQueues.workflowId(clusterName)))
                            .build());
        } catch (StatusRuntimeException e) {
            log.debug("the run's sticky queue was not reset: {}", e.getStatus());
        }
    }

    /** Polls the cluster's queue again, on a new factory: the node did not go down after all. */
    synchronized void pollClusterQueueAgain(String why) {
        if (stopping || !left) {
            return;
        }
        left = false;
        cluster = WorkerFactory.newInstance(client, QUICK_STOP);
        DaemonWorkers.clusterWorker(cluster, clusterName, clusterActivities, sticky);
        if (warmedUp) {
            cluster.start();
        }
        log.info("polling {} again: {}", TaskQueues.cluster(clusterName), why);
    }

    /** No new tasks; those in flight go on. */
    synchronized void shutdown() {
        stopping = true;
        node.shutdown();
        cluster.shutdown();
    }

    void awaitTermination(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        WorkerFactory nodeFactory;
        WorkerFactory clusterFactory;
        synchronized (this) {
            nodeFactory = node;
            clusterFactory = cluster;
        }
        nodeFactory.awaitTermination(timeout, unit);
        clusterFactory.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    synchronized void shutdownNow() {
        stopping = true;
        node.shutdownNow();
        cluster.shutdownNow();
    }
}
