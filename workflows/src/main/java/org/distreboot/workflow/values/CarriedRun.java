package org.distreboot.workflow.values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's state as a continue-as-new carries it, in a form that grows only with the plan's names:
 * the status without its nodes, the names in reboot order, one digit per node for its state (the
 * {@link NodeState} ordinal), and in full only the nodes whose detail the run still needs (in
 * flight or dropped). What a done node's turn recorded (boot ids, times) stays in the history of
 * the run that did it.
 *
 * @param plan the key of the run's plan in PostgreSQL
 */
public record CarriedRun(String plan, RebootStatus head, List<String> order, String states,
                         List<NodeStatus> details) {

    public CarriedRun {
        order = List.copyOf(order);
        details = List.copyOf(details);
        if (states.length() != order.size()) {
            throw new IllegalArgumentException(order.size() + " nodes but " + states.length() + " states");
        }
    }

    public static CarriedRun of(String plan, RebootStatus status) {
        StringBuilder states = new StringBuilder(status.nodes().size());
        List<NodeStatus> details = new ArrayList<>();
        for (NodeStatus node : status.nodes()) {
            states.append((char) ('0' + node.state().ordinal()));
            if (node.state() != NodeState.PENDING && node.state() != NodeState.DONE) {
                details.add(node);
            }
        }
        return new CarriedRun(plan, status.withNodes(List.of()), status.order(), states.toString(), details);
    }

    /** The status again, done nodes without their detail. */
    public RebootStatus status() {
        Map<String, NodeStatus> detailed = new HashMap<>();
        details.forEach(node -> detailed.put(node.node(), node));
        List<NodeStatus> nodes = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            NodeState state = NodeState.values()[states.charAt(i) - '0'];
            String name = order.get(i);
            nodes.add(detailed.getOrDefault(name, new NodeStatus(name, state, null, null, null, null, null)));
        }
        return head.withNodes(nodes);
    }
}
