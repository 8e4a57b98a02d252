package org.distreboot.activities;

/** Where a command's run is kept once it ended: how it ended and what it printed. */
@FunctionalInterface
public interface CommandLog {
    /** Kept nowhere: the heartbeat loop's checks, which run every few seconds. */
    CommandLog NONE = (command, result) -> { };

    void ran(String command, CommandResult result);
}
