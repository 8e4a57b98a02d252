package org.distreboot.workflow;

import io.temporal.activity.ActivityInterface;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.Notice;
import org.distreboot.workflow.values.Plan;
import org.distreboot.workflow.values.Verdict;

/**
 * Cluster-wide activities: any daemon of the cluster may run them. The calls of runs begun before
 * "compact-history" are in {@code legacy.LegacyClusterActivities}.
 */
@ActivityInterface
public interface ClusterActivities {

    /**
     * Fixes the nodes with a heartbeat now as the plan of run {@code key}, unless it has one (a
     * retry); returns them in reboot order with the look at their heartbeats (the preconditions).
     */
    Plan plan(String key);

    /** One look at the heartbeats of the run's members (staleness judged by the database clock). */
    Verdict look(Look look);

    /** Posts {@code notice} to this daemon's notify.url; fails (to be retried) when that is not done. */
    void sendNotice(Notice notice);
}
