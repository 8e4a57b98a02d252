package org.distreboot.workflow.values;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A run's state as a continue-as-new carries it, in a form that grows only with the plan's names:
 * the status without its nodes, the nodes packed ({@link PackedNodes}: names, states and groups in
 * reboot order, deflated), and in full only the nodes whose detail the run still needs (in flight
 * or dropped). What a done node's turn recorded (boot ids, times) stays in the history of the run
 * that did it.
 *
 * @param plan   the key of the run's plan in PostgreSQL
 * @param names  {@link PackedNodes#names()}
 * @param states {@link PackedNodes#states()}
 * @param groups {@link PackedNodes#groups()}: null when the cluster is one group
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CarriedRun(String plan, RebootStatus head, String names, String states, List<NodeStatus> details,
                         String groups) {

    public CarriedRun {
        details = List.copyOf(details);
    }

    public static CarriedRun of(String plan, RebootStatus status) {
        PackedNodes packed = PackedNodes.of(status.nodes());
        return new CarriedRun(plan, status.withNodes(List.of()), packed.names(), packed.states(),
                PackedNodes.details(status.nodes()), packed.groups());
    }

    /** The names, in reboot order. */
    public List<String> order() {
        return packed().order();
    }

    /** The status again, done nodes without their detail. */
    public RebootStatus status() {
        return head.withNodes(packed().with(details));
    }

    private PackedNodes packed() {
        return new PackedNodes(names, states, groups);
    }
}
