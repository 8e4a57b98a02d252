package org.distreboot.workflow.values;

import java.time.Instant;

/**
 * One node's heartbeat as the workflow sees it. {@code stale} was judged by the database clock;
 * {@code role} and {@code ready} are null when the node has no mastercmd or healthcmd.
 * {@code claimedBy} names the two hosts that both post as this node lately, else null.
 * {@code group} is the node's quorum group (its topology), null when the cluster is one group.
 * {@code rebootRequired} says whether its reboot-required sentinel is there, null when its daemon
 * does not check (such a node is rebooted, as it always was).
 */
public record NodeHeartbeat(String node, Instant expires, boolean stale, Role role, Boolean ready, String bootId,
                            String claimedBy, String group, Boolean rebootRequired) {

    public NodeHeartbeat(String node, Instant expires, boolean stale, Role role, Boolean ready, String bootId,
                         String claimedBy, String group) {
        this(node, expires, stale, role, ready, bootId, claimedBy, group, null);
    }

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

    /** Its daemon said its reboot-required sentinel is not there: a run without --all leaves it be. */
    public boolean noRebootRequired() {
        return Boolean.FALSE.equals(rebootRequired);
    }

    /** No healthcmd means nothing to wait for. */
    public boolean readyOrUnchecked() {
        return ready == null || ready;
    }
}
