package org.distreboot.worker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distreboot.workflow.NodeActivities;

/** The nodes this daemon serves: its own, or, on a control host, those it serves over ssh. */
record ServedNodes(List<ServedNode> nodes, boolean overSsh) {

    /** Each node's activities, by name: the daemon polls each node's queue for them. */
    Map<String, NodeActivities> activities() {
        Map<String, NodeActivities> activities = new LinkedHashMap<>();
        nodes.forEach(node -> activities.put(node.name(), node.activities()));
        return activities;
    }

    List<NodeBeat> beats() {
        return nodes.stream().map(ServedNode::beat).toList();
    }

    /** "its node queue", or "the queues of db-1, db-2 (over ssh)": what the daemon says it polls. */
    String queues() {
        return overSsh ? "the queues of " + String.join(", ", nodes.stream().map(ServedNode::name).toList())
                + " (over ssh)" : "its node queue";
    }
}
