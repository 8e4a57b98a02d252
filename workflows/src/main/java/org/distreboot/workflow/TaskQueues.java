package org.distreboot.workflow;

/** The names every daemon and the command line agree on. */
public final class TaskQueues {
    private TaskQueues() {
    }

    /** One distributed reboot at a time per cluster: the id is the lock. */
    public static String workflowId(String cluster) {
        return "distreboot-" + cluster;
    }

    /** Polled by every daemon of the cluster: the workflow and cluster-wide activities. */
    public static String cluster(String cluster) {
        return "distreboot-" + cluster;
    }

    /** Polled only by the daemon on {@code node}: activities that touch that machine. */
    public static String node(String cluster, String node) {
        return "distreboot-" + cluster + "-" + node;
    }
}
