package org.distreboot.workflow.values;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One command a node's turn ran, as its rejoin step tells it (the UI shows it in that step's
 * result): how it ended and the end of what it printed, secrets masked. {@code distreboot --log
 * NODE} prints more of the output.
 *
 * @param exit -1 when it timed out
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record CommandRun(String command, String step, int exit, boolean timedOut, long tookMs, String output) {
    /** How much of each output the history keeps, in characters: its end. */
    public static final int IN_HISTORY = 512;

    public CommandRun {
        if (output != null && output.length() > IN_HISTORY) {
            output = "..." + output.substring(output.length() - IN_HISTORY);
        }
    }
}
