package org.distreboot.cli.screen;

import org.distreboot.db.NodeHeartbeatRow;

/**
 * The role a live screen shows for a node: the one it posted last, marked as a guess ("master?")
 * while its turn is under way (its draincmd may be handing the master over) or its heartbeat is not
 * fresh. A node that went down as master never shows as a second one beside the new master.
 */
public final class ShownRole {
    private ShownRole() {
    }

    public static String of(NodeHeartbeatRow row, boolean inFlight) {
        if (row.role() == null) {
            return "-";
        }
        return inFlight || row.stale() || row.stopping() ? row.role() + "?" : row.role();
    }
}
