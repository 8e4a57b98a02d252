package org.distreboot.workflow.values;

/** Where one node stands in a distributed reboot. */
public enum NodeState {
    PENDING, DRAINING, REBOOTING, REJOINING, DONE, DROPPED;

    /** Drain, reboot or rejoin under way. */
    public boolean inFlight() {
        return this == DRAINING || this == REBOOTING || this == REJOINING;
    }

    public boolean finished() {
        return this == DONE || this == DROPPED;
    }
}
