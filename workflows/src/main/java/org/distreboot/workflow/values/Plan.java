package org.distreboot.workflow.values;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The nodes of a run, fixed once when it starts, in the order to reboot them (by name, the master
 * last), the first look at their heartbeats (the preconditions), and each node's quorum group in
 * the same order, or null when the cluster is one group.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(List<String> order, Verdict verdict, List<String> groups) {
    public Plan {
        order = List.copyOf(order);
        groups = groups == null ? null : List.copyOf(groups);
    }

    public Plan(List<String> order, Verdict verdict) {
        this(order, verdict, null);
    }
}
