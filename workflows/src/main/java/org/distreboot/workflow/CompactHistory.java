package org.distreboot.workflow;

/**
 * The version of "compact-history" a run began with, asked once as it begins: each version adds
 * to what the run does, and a run keeps its version to the end (across continue-as-new too).
 * Version 0 (Workflow.DEFAULT_VERSION) is a run begun before it: {@code legacy.LegacyReboot}.
 */
record CompactHistory(int version) {
    static final String CHANGE = "compact-history";
    static final int NEWEST = 4;

    /** Version 2: the result has its nodes packed, a few kilobytes at any size. */
    boolean packsResult() {
        return version >= 2;
    }

    /** Version 3: --pause holds the next turn. */
    boolean pausable() {
        return version >= 3;
    }

    /** Version 4: a node whose blockcmd says no waits, untouched (runs begun before stall). */
    boolean waitsOnBlockcmd() {
        return version >= 4;
    }
}
