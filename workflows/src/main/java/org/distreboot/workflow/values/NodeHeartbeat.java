package org.distreboot.workflow.values;

import java.time.Instant;

/**
 * One node's heartbeat as the workflow sees it. {@code stale} was judged by the database clock;
 * {@code role} and {@code ready} are null when the node has no mastercmd or healthcmd.
 * {@code claimedBy} names the two hosts that both post as this node lately, else null.
 * {@code group} is the node's quorum group (its topology), null when the cluster is one group.
 */
public record NodeHeartbeat(String node, Instant expires, boolean stale, Role role, Boolean ready, String bootId,
                            String claimedBy, String group) {

    public NodeHeartbeat(String node, Instant expires, boolean stale, Role role, Boolean ready, String bootId,
                         String claimedBy) {
        this(node, expires, stale, role, ready, bootId, claimedBy, null);
    }

    public NodeHeartbeat(String node, Instant expires, boolean stale, Role role, Boolean ready, String bootId) {
        this(node, expires, stale, role, ready, bootId, null);
    }

    public boolean claimsMaster() {
        return role == Role.MASTER;
    }

    /** No healthcmd means nothing to wait for. */
    public boolean readyOrUnchecked() {
        return ready == null || ready;
    }
}
