package org.distreboot.client;

import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.Role;

/** The heartbeat rows of the store, as the planner sees them. */
public final class Snapshots {
    private Snapshots() {
    }

    public static ClusterSnapshot of(ClusterHeartbeats heartbeats) {
        return new ClusterSnapshot(heartbeats.now(), heartbeats.nodes().stream().map(Snapshots::of).toList());
    }

    private static NodeHeartbeat of(NodeHeartbeatRow row) {
        return new NodeHeartbeat(row.node(), row.expiresAt(), row.stale(), role(row.role()), row.ready(),
                row.bootId(), row.claimedBy().orElse(null), row.heartbeat().topology(),
                row.heartbeat().rebootRequired());
    }

    private static Role role(String role) {
        if (role == null) {
            return null;
        }
        return role.equals("master") ? Role.MASTER : Role.MEMBER;
    }
}
