package org.distreboot.activities;

import java.time.Duration;

/** How a command ended: its exit code (-1 when it timed out or still runs) and the tail of its output. */
public record CommandResult(int exitCode, String output, boolean timedOut, Duration took) {
    /** What of a last line goes into a one-line reason (its end, which usually says most). */
    private static final int LONGEST_LINE = 160;

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** One line for an operator: "exited 3: disk busy" or "timed out after PT10S". */
    public String describe() {
        String reason = timedOut ? "timed out after " + took : "exited " + exitCode;
        String lastLine = output.strip().lines().reduce((first, second) -> second).orElse("");
        if (lastLine.length() > LONGEST_LINE) {
            lastLine = "..." + lastLine.substring(lastLine.length() - LONGEST_LINE);
        }
        lastLine = lastLine.replaceAll("\\p{Cntrl}", "?");
        return lastLine.isEmpty() ? reason : reason + ": " + lastLine;
    }

    /** The output's first line, its beginning kept when long (what a command that says why puts first); may be empty. */
    public String firstLine() {
        String first = output.strip().lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        return first.length() > LONGEST_LINE ? first.substring(0, LONGEST_LINE) + "..." : first;
    }
}
