package org.distreboot.workflow;

import io.temporal.activity.ActivityInterface;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.RebootOutcome;
import org.distreboot.workflow.values.Verdict;

/**
 * Activities that touch one machine; they run on that node's own task queue. The calls of runs
 * begun before "compact-history" are in {@code legacy.LegacyNodeActivities}.
 */
@ActivityInterface
public interface NodeActivities {
    /** Failure types an activity raises when retrying cannot help: the operator must decide. */
    String DRAIN_FAILED = "DrainFailed";
    String REBOOT_FAILED = "RebootFailed";
    /** Failure types of rejoin while the node is not back yet: retried. */
    String NOT_REBOOTED = "NotRebooted";
    String NOT_HEALTHY = "NotHealthy";
    /** blockcmd said no: nothing was touched; the run looks again later (runs before version 4 of "compact-history" stall). */
    String BLOCKED = "Blocked";
    /** Two hosts post as the node: retried (nothing touched) until one gives the name up. */
    String CLAIMED_TWICE = "ClaimedTwice";

    /** This node's current boot id. */
    String bootId();

    /**
     * Runs draincmd, then rebootcmd, each only while the node still runs {@code bootIdBefore}: a
     * retry after the reboot does nothing. Heartbeats throughout.
     */
    RebootOutcome drainAndReboot(String bootIdBefore);

    /**
     * Succeeds once this node runs a boot other than {@code look.bootIdBefore()} and its healthcmd
     * passes (fails, to be retried, until then), with the new boot id and a look at the cluster.
     */
    Verdict rejoin(Look look);
}
