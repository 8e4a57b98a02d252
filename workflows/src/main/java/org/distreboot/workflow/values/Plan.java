package org.distreboot.workflow.values;

import java.util.List;

/**
 * The nodes of a run, fixed once when it starts, in the order to reboot them (by name, the master
 * last), and the first look at their heartbeats: the preconditions.
 */
public record Plan(List<String> order, Verdict verdict) {
    public Plan {
        order = List.copyOf(order);
    }
}
