package org.distreboot.workflow;

import io.temporal.activity.ActivityInterface;
import org.distreboot.workflow.values.RebootOutcome;

/** Activities that touch one machine; they run on that node's own task queue. */
@ActivityInterface
public interface NodeActivities {
    /** Failure types an activity raises when retrying cannot help: the operator must decide. */
    String DRAIN_FAILED = "DrainFailed";
    String REBOOT_FAILED = "RebootFailed";
    /** Failure types of awaitRejoin while the node is not back yet: retried. */
    String NOT_REBOOTED = "NotRebooted";
    String NOT_HEALTHY = "NotHealthy";
    /** Two hosts post as the node: retried (nothing touched) until one gives the name up. */
    String CLAIMED_TWICE = "ClaimedTwice";

    /** This node's current boot id. */
    String bootId();

    /** Runs draincmd, unless the node already rebooted since {@code bootIdBefore}. */
    void drain(String bootIdBefore);

    /** Runs rebootcmd, unless the boot id already changed from {@code bootIdBefore}. */
    RebootOutcome reboot(String bootIdBefore);

    /**
     * Succeeds, returning the new boot id, once this node runs a boot other than
     * {@code bootIdBefore} and its healthcmd passes; fails (to be retried) until then.
     */
    String awaitRejoin(String bootIdBefore);
}
