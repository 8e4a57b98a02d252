package org.distreboot.workflow.legacy;

import io.temporal.activity.ActivityInterface;
import org.distreboot.workflow.NodeActivities;
import org.distreboot.workflow.values.RebootOutcome;

/**
 * The node calls of runs begun before "compact-history" (four per turn where new runs make two):
 * frozen, their names and types as those runs recorded them. A daemon serves them beside {@link
 * NodeActivities} until no such run is open (docs/legacy.md).
 */
@ActivityInterface
public interface LegacyNodeActivities extends NodeActivities {
    /** Runs draincmd (drainAndReboot since). */
    void drain(String bootIdBefore);

    /** Runs rebootcmd (drainAndReboot since). */
    RebootOutcome reboot(String bootIdBefore);

    /** Waits for the node's return, with its new boot id (rejoin since). */
    String awaitRejoin(String bootIdBefore);
}
