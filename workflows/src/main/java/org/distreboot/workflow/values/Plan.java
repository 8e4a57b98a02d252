package org.distreboot.workflow.values;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The nodes of a run, fixed once when it starts, in the order to reboot them (by name, the master
 * last), the first look at their heartbeats (the preconditions), each node's quorum group in the
 * same order, or null when the cluster is one group, and the nodes whose daemon said their
 * reboot-required sentinel is not there (a run without --all skips them), in order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(List<String> order, Verdict verdict, List<String> groups,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> noSentinel) {
    public Plan {
        order = List.copyOf(order);
        groups = groups == null ? null : List.copyOf(groups);
        noSentinel = noSentinel == null ? List.of() : List.copyOf(noSentinel);
    }

    public Plan(List<String> order, Verdict verdict, List<String> groups) {
        this(order, verdict, groups, List.of());
    }

    public Plan(List<String> order, Verdict verdict) {
        this(order, verdict, null);
    }
}
