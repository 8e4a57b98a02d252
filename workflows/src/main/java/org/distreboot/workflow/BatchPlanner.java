package org.distreboot.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.RebootStatus;

/**
 * The batches of a run over quorum groups (reboot.parallel), as plain functions of its status:
 * which nodes go together, never two of one group, each group's master last. No Temporal, no I/O.
 */
public final class BatchPlanner {
    private BatchPlanner() {
    }

    /**
     * The next batch: up to {@code parallel} pending nodes, each of a different quorum group and the
     * next of its group (by name, the group's master last); the groups with the most nodes left go
     * first (ties by name), so that the run ends in as few batches as the largest group allows.
     * Nodes without a group are one group. Empty when every node is done or dropped.
     */
    public static List<String> batch(RebootStatus status, Collection<String> masters, int parallel) {
        return chosen(queues(status, masters), parallel).stream().map(Deque::peekFirst).toList();
    }

    /** Every batch of a run that starts now and goes as planned: what the dry run shows. One pass. */
    public static List<List<String>> batches(RebootStatus status, Collection<String> masters, int parallel) {
        Map<String, Deque<String>> queues = queues(status, masters);
        List<List<String>> batches = new ArrayList<>();
        for (List<Deque<String>> next = chosen(queues, parallel); !next.isEmpty(); next = chosen(queues, parallel)) {
            batches.add(next.stream().map(Deque::pollFirst).toList());
        }
        return batches;
    }

    /** Each group's pending nodes in the order to reboot them, by group name. */
    private static Map<String, Deque<String>> queues(RebootStatus status, Collection<String> masters) {
        Map<String, List<String>> pending = new TreeMap<>();
        status.nodes().stream().filter(n -> n.state() == NodeState.PENDING).forEach(n ->
                pending.computeIfAbsent(n.group() == null ? "" : n.group(), g -> new ArrayList<>()).add(n.node()));
        Map<String, Deque<String>> queues = new TreeMap<>();
        pending.forEach((group, nodes) -> queues.put(group, new ArrayDeque<>(Planner.order(nodes, masters))));
        return queues;
    }

    /** The groups the next batch takes from: those with the most nodes left (ties by name), at most {@code parallel}. */
    private static List<Deque<String>> chosen(Map<String, Deque<String>> queues, int parallel) {
        return queues.entrySet().stream().filter(g -> !g.getValue().isEmpty())
                .sorted(Comparator.comparing((Map.Entry<String, Deque<String>> g) -> -g.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .limit(Math.max(1, parallel))
                .map(Map.Entry::getValue)
                .toList();
    }
}
