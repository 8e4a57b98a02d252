package org.distreboot.workflow.values;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a look at the heartbeats needs to know of a run: its plan (fixed in PostgreSQL when it
 * started), the nodes dropped since, the node that rebooted and its boot id before (both null
 * between turns), and the node the run means to take next (null when none is left), whose boot
 * id the look reads from its heartbeat. Small whatever the size of the cluster, unless many nodes
 * were dropped.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Look(String plan, List<String> dropped, String node, String bootIdBefore, String next) {
    public Look {
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
    }

    public static Look between(String plan, List<String> dropped, String next) {
        return new Look(plan, dropped, null, null, next);
    }
}
