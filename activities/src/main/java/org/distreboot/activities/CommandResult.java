package org.distreboot.activities;

import java.time.Duration;

/** How a command ended: its exit code (-1 when it timed out or still runs) and the tail of its output. */
public record CommandResult(int exitCode, String output, boolean timedOut, Duration took) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** One line for an operator: "exited 3: disk busy" or "timed out after PT10S". */
    public String describe() {
        String reason = timedOut ? "timed out after " + took : "exited " + exitCode;
        String lastLine = output.strip().lines().reduce((first, second) -> second).orElse("");
        return lastLine.isEmpty() ? reason : reason + ": " + lastLine;
    }
}
