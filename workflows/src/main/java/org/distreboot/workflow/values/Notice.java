package org.distreboot.workflow.values;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the run tells the operator's webhook (notify.url): what happened, to which node (null for
 * the run itself), the state it is in now, and why. The webhook's JSON body carries these fields
 * and a {@link #text} for chats; it is a contract: add fields, never rename.
 */
public record Notice(String event, String cluster, String node, String state, String reason, Instant at) {
    public static final String RUN_STARTED = "run-started";
    public static final String NODE_REBOOTING = "node-rebooting";
    public static final String NODE_BACK = "node-back";
    public static final String NODE_FAILED = "node-failed";
    public static final String NODE_DROPPED = "node-dropped";
    public static final String RUN_BLOCKED = "run-blocked";
    public static final String RUN_STALLED = "run-stalled";
    public static final String RUN_PAUSED = "run-paused";
    public static final String RUN_RESUMED = "run-resumed";
    public static final String RUN_FINISHED = "run-finished";

    /** For a chat (Slack's "text"): "distreboot prod: node-b is rebooting". */
    public String text() {
        String what = switch (event) {
            case RUN_STARTED -> "a distributed reboot started";
            case NODE_REBOOTING -> node + " is rebooting";
            case NODE_BACK -> node + " is back";
            case NODE_FAILED -> node + " FAILED to come back";
            case NODE_DROPPED -> node + " was dropped";
            case RUN_BLOCKED -> "blockcmd holds " + node + " back";
            case RUN_STALLED -> "the reboot STALLED and needs you";
            case RUN_PAUSED -> "the reboot is paused";
            case RUN_RESUMED -> "the reboot goes on";
            case RUN_FINISHED -> "the reboot ended " + state;
            default -> event;
        };
        return "distreboot " + cluster + ": " + what + (reason == null ? "" : " (" + reason + ")");
    }

    /** Blockcmd said no to {@code node}'s turn. */
    public static Notice blocked(RebootStatus run, String node, String why, Instant at) {
        return new Notice(RUN_BLOCKED, run.cluster(), node, run.phase().name(), why, at);
    }

    /**
     * What changed from {@code told} (the status last told of; null before the first) to {@code now}
     * that the operator wants to hear of, in order: the run starting, a node rebooting, back, failed
     * or dropped, the run stalling, pausing or resuming, and its end. Pure. A run holds up to ten
     * thousand nodes and changes one at a step: nodes that are the same object are passed over.
     */
    public static List<Notice> between(RebootStatus told, RebootStatus now, Instant at) {
        List<Notice> notices = new ArrayList<>();
        if (told == null && now.phase().active()) {
            notices.add(new Notice(RUN_STARTED, now.cluster(), null, now.phase().name(),
                    "requested by " + now.requestedBy() + ", " + now.nodes().size() + " nodes", at));
        }
        Map<String, NodeStatus> before = null;
        for (int i = 0; i < now.nodes().size(); i++) {
            NodeStatus node = now.nodes().get(i);
            NodeStatus was = told != null && i < told.nodes().size() ? told.nodes().get(i) : null;
            if (was == node) {
                continue;
            }
            if (told != null && (was == null || !was.node().equals(node.node()))) {
                before = before == null ? byName(told) : before;
                was = before.get(node.node());
            }
            String event = event(was == null ? NodeState.PENDING : was.state(), node.state());
            if (event != null) {
                notices.add(new Notice(event, now.cluster(), node.node(), node.state().name(), node.note(), at));
            }
        }
        Phase wasPhase = told == null ? null : told.phase();
        if (now.phase() == Phase.STALLED && wasPhase != Phase.STALLED) {
            notices.add(new Notice(RUN_STALLED, now.cluster(), now.current(), now.phase().name(), now.reason(), at));
        }
        boolean wasPaused = told != null && told.paused() != null;
        if (now.paused() != null && !wasPaused) {
            notices.add(new Notice(RUN_PAUSED, now.cluster(), null, now.phase().name(), "by " + now.paused().by()
                    + (now.paused().reason() == null ? "" : ": " + now.paused().reason()), at));
        } else if (now.paused() == null && wasPaused && now.phase().active()) {
            notices.add(new Notice(RUN_RESUMED, now.cluster(), null, now.phase().name(), null, at));
        }
        if (!now.phase().active() && (wasPhase == null || wasPhase.active())) {
            notices.add(new Notice(RUN_FINISHED, now.cluster(), null, now.phase().name(), now.reason(), at));
        }
        return notices;
    }

    private static String event(NodeState was, NodeState now) {
        if (was == now) {
            return null;
        }
        return switch (now) {
            case REBOOTING, REJOINING -> was == NodeState.REBOOTING || was == NodeState.REJOINING ? null : NODE_REBOOTING;
            case DONE -> NODE_BACK;
            case FAILED -> NODE_FAILED;
            case DROPPED -> NODE_DROPPED;
            default -> null;
        };
    }

    private static Map<String, NodeStatus> byName(RebootStatus status) {
        Map<String, NodeStatus> nodes = new HashMap<>();
        status.nodes().forEach(node -> nodes.put(node.node(), node));
        return nodes;
    }
}
