package org.distreboot.client;

import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootStatus;

/**
 * The run in progress, or else the most recent one.
 *
 * @param phase  where it stands, as the workflow says (or Temporal, when it ended abnormally); null when there is none
 * @param status the workflow's own account, null when there is none (no run, or nobody answered)
 * @param reason why it failed or stalled, or why its details are missing
 */
public record RunView(Phase phase, RebootStatus status, String reason) {
    public static final RunView NONE = new RunView(null, null, null);

    public boolean inProgress() {
        return phase != null && phase.active();
    }

    /** In figures, for the daemon's metrics. */
    public RunFigures figures() {
        if (status == null) {
            return new RunFigures(phase, false, 0, 0);
        }
        return new RunFigures(phase, status.paused() != null, status.nodes().size(), status.count(NodeState.DONE));
    }

    /** As status and --json show it: the phase, or NONE. */
    public String state() {
        return phase == null ? "NONE" : phase.name();
    }
}
