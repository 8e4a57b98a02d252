package org.distreboot.workflow.values;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a look at the heartbeats needs to know of a run: its plan (fixed in PostgreSQL when it
 * started), the nodes dropped since, the node that rebooted and its boot id before (both null
 * between turns), the node the run means to take next (null when none is left), whose boot id the
 * look reads from its heartbeat, and the nodes that failed (reboot.max-failed): members still, that
 * count for quorum as down, whose heartbeat may be stale. Small whatever the size of the cluster,
 * unless many nodes were dropped.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Look(String plan, List<String> dropped, String node, String bootIdBefore, String next,
                   List<String> failed) {
    public Look {
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        failed = failed == null ? List.of() : List.copyOf(failed);
    }

    public Look(String plan, List<String> dropped, String node, String bootIdBefore, String next) {
        this(plan, dropped, node, bootIdBefore, next, List.of());
    }

    public static Look between(String plan, List<String> dropped, String next) {
        return new Look(plan, dropped, null, null, next);
    }
}
