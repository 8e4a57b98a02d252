package org.distreboot.workflow.values;

/** Where the whole distributed reboot stands. */
public enum Phase {
    RUNNING, STALLED, COMPLETED, CANCELLED, FAILED;

    public boolean active() {
        return this == RUNNING || this == STALLED;
    }
}
