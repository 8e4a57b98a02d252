package org.distreboot.cli;

import org.distreboot.workflow.values.RebootStatus;

/**
 * The run in progress, or else the most recent one.
 *
 * @param status the workflow's own account, null when there is none (no run, or nobody answered)
 * @param reason why it failed or stalled, or why its details are missing
 */
public record RunView(RunState state, RebootStatus status, String reason) {
    static final RunView NONE = new RunView(RunState.NONE, null, null);
}
