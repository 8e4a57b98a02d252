package org.distreboot.cli;

/** The state of a cluster's distributed reboot, as status and --json show it. */
public enum RunState {
    NONE, RUNNING, STALLED, COMPLETED, CANCELLED, FAILED;

    public boolean inProgress() {
        return this == RUNNING || this == STALLED;
    }
}
