package org.distreboot.workflow.values;

/**
 * Where one node stands in a distributed reboot. SKIPPED: its reboot-required sentinel is not
 * there (a run without --all leaves it be, but counts it for quorum). FAILED: it did not come back
 * within reboot.timeout and the failure budget (reboot.max-failed) let the run go on without it; it
 * still counts for quorum, as a node down. Packed states are ordinals: new states go last.
 */
public enum NodeState {
    PENDING, DRAINING, REBOOTING, REJOINING, DONE, DROPPED, SKIPPED, FAILED;

    /** Drain, reboot or rejoin under way. */
    public boolean inFlight() {
        return this == DRAINING || this == REBOOTING || this == REJOINING;
    }

    /**
     * Whether --drop may take it out of the run: any node but a done or dropped one. A skipped or
     * failed node is a member still, counted for quorum: dropping it is how a dead one stops counting.
     */
    public boolean droppable() {
        return this != DONE && this != DROPPED;
    }
}
