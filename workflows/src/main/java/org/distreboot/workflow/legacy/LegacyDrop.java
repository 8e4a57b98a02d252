package org.distreboot.workflow.legacy;

import io.temporal.workflow.Workflow;
import org.distreboot.workflow.StepOptions;

/**
 * A drop taken in a run whose first drop came before "drop-leaves-heartbeat-to-command" removes
 * the node's heartbeat row itself, as those runs did; `distreboot --drop` removes it since, run or
 * no run. The version is asked in the drop handler, as it always was. Workflow code: deterministic.
 */
public final class LegacyDrop {
    private LegacyDrop() {
    }

    /** Removes {@code node}'s heartbeat row if this run began dropping before the command did it. */
    public static void removeHeartbeatIfBegunBefore(String node) {
        if (Workflow.getVersion("drop-leaves-heartbeat-to-command", Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION) {
            Workflow.newActivityStub(LegacyClusterActivities.class,
                    StepOptions.cluster("drop the heartbeat of " + node)).dropHeartbeat(node);
        }
    }
}
