package org.distreboot.workflow.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The whole state of one distributed reboot: what the status query answers and what a
 * continue-as-new carries over. Immutable; every change makes a new value.
 *
 * @param nodes      every node of the run in reboot order: finished ones in the order they
 *                   finished, then the one in flight, then the pending ones as now planned
 * @param master     the master as last seen in the heartbeats
 * @param waitingFor in plain words, what the run is waiting for right now
 * @param reason     why the run is STALLED, FAILED or CANCELLED, else null
 * @param packed     null but in a run's result ({@link #asResult()}): then {@code nodes} holds only
 *                   the nodes with detail, and this every node, in a form that grows only with
 *                   their names. Read back, a packed status is whole again ({@link #read}).
 * @param paused     who paused the run and when, until it is resumed; else null
 * @param holdsUntil when what the run waits for ends by itself (a grace, a settle, a window), for a
 *                   countdown; null for any other wait
 */
public record RebootStatus(String cluster, String requestedBy, Instant startedAt, Phase phase,
                           List<NodeStatus> nodes, String current, String master, String waitingFor,
                           String reason, String cancelledBy, Instant finishedAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) PackedNodes packed,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Pause paused,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Instant holdsUntil) {
    private static final String OPERATOR = "the operator: --cancel, --drop a node, or wait for it to come back";


    public RebootStatus {
        nodes = List.copyOf(nodes);
    }

    /**
     * A status as read from JSON: a packed one (a run's result) with every node again, done and
     * pending ones by name, state and group only.
     */
    @JsonCreator
    public static RebootStatus read(@JsonProperty("cluster") String cluster,
                                    @JsonProperty("requestedBy") String requestedBy,
                                    @JsonProperty("startedAt") Instant startedAt, @JsonProperty("phase") Phase phase,
                                    @JsonProperty("nodes") List<NodeStatus> nodes,
                                    @JsonProperty("current") String current, @JsonProperty("master") String master,
                                    @JsonProperty("waitingFor") String waitingFor,
                                    @JsonProperty("reason") String reason,
                                    @JsonProperty("cancelledBy") String cancelledBy,
                                    @JsonProperty("finishedAt") Instant finishedAt,
                                    @JsonProperty("packed") PackedNodes packed,
                                    @JsonProperty("paused") Pause paused,
                                    @JsonProperty("holdsUntil") Instant holdsUntil) {
        return new RebootStatus(cluster, requestedBy, startedAt, phase, packed == null ? nodes : packed.with(nodes),
                current, master, waitingFor, reason, cancelledBy, finishedAt, null, paused, holdsUntil);
    }

    /**
     * The status as a run's result: every node packed, only those with detail (in flight, dropped)
     * in full: 30 KB at ten thousand nodes, where the status in full is 200 bytes a node that has a
     * turn. The done nodes' boot ids and times stay in the history of the run that did each.
     */
    public RebootStatus asResult() {
        return new RebootStatus(cluster, requestedBy, startedAt, phase, PackedNodes.details(nodes), current, master,
                waitingFor, reason, cancelledBy, finishedAt, PackedNodes.of(nodes), paused, holdsUntil);
    }

    public static RebootStatus start(String cluster, String requestedBy, List<String> order, String master,
                                     Instant at) {
        return new RebootStatus(cluster, requestedBy, at, Phase.RUNNING,
                order.stream().map(NodeStatus::pending).toList(), null, master, "the first node's turn",
                null, null, null, null, null, null);
    }

    /** A run of a cluster made of quorum groups: {@code groups} names each node's, in {@code order}'s order. */
    public static RebootStatus start(String cluster, String requestedBy, List<String> order, List<String> groups,
                                     String master, Instant at) {
        List<NodeStatus> nodes = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            String group = groups.get(i);
            nodes.add(NodeStatus.pending(order.get(i), group == null || group.isEmpty() ? null : group));
        }
        return new RebootStatus(cluster, requestedBy, at, Phase.RUNNING, nodes, null, master, "the first batch",
                null, null, null, null, null, null);
    }

    /** The nodes in flight (draining, rebooting or rejoining), in order. */
    public List<String> inFlight() {
        return names(node -> node.state().inFlight());
    }

    public Optional<NodeStatus> node(String name) {
        int at = indexOf(name);
        return at < 0 ? Optional.empty() : Optional.of(nodes.get(at));
    }

    public boolean isDropped(String name) {
        int at = indexOf(name);
        return at >= 0 && nodes.get(at).state() == NodeState.DROPPED;
    }

    public boolean cancelRequested() {
        return cancelledBy != null;
    }

    public List<String> order() {
        return names(node -> true);
    }

    public List<String> withState(NodeState state) {
        return names(node -> node.state() == state);
    }

    /** How many nodes are in {@code state}. */
    public int count(NodeState state) {
        int count = 0;
        for (NodeStatus node : nodes) {
            if (node.state() == state) {
                count++;
            }
        }
        return count;
    }

    /** Every node named in {@code skipped} skipped (no reboot-required sentinel), in one pass. */
    public RebootStatus skipping(Collection<String> skipped) {
        Set<String> names = new HashSet<>(skipped);
        return withNodes(nodes.stream().map(node -> names.contains(node.node()) ? node.skipped() : node).toList());
    }

    /** The nodes that count for quorum and must be healthy: all but the dropped ones. */
    public List<String> members() {
        return names(node -> node.state() != NodeState.DROPPED);
    }

    /**
     * {@code name}'s status changed. A run holds every node of its plan, ten thousand of them in a
     * big fleet, and changes one at each step: one copy of the list, no pass that allocates per node.
     */
    public RebootStatus withNode(String name, UnaryOperator<NodeStatus> change) {
        int at = indexOf(name);
        if (at < 0) {
            return this;
        }
        NodeStatus[] changed = nodes.toArray(new NodeStatus[0]);
        changed[at] = change.apply(changed[at]);
        return withNodes(List.of(changed));
    }

    /**
     * Keeps finished and in-flight nodes where they are and puts the pending ones in {@code
     * pendingOrder}; when they are in that order already (most turns), only the master changes.
     */
    public RebootStatus planned(List<String> pendingOrder, String seenMaster) {
        if (pendingIn(pendingOrder)) {
            return new RebootStatus(cluster, requestedBy, startedAt, phase, nodes, current, seenMaster, waitingFor,
                    reason, cancelledBy, finishedAt, null, paused, holdsUntil);
        }
        Map<String, NodeStatus> pending = new LinkedHashMap<>();
        List<NodeStatus> reordered = new ArrayList<>(nodes.size());
        for (NodeStatus node : nodes) {
            if (node.state() == NodeState.PENDING) {
                pending.put(node.node(), node);
            } else {
                reordered.add(node);
            }
        }
        pendingOrder.forEach(name -> {
            NodeStatus node = pending.remove(name);
            if (node != null) {
                reordered.add(node);
            }
        });
        reordered.addAll(pending.values());
        return new RebootStatus(cluster, requestedBy, startedAt, phase, reordered, current, seenMaster, waitingFor,
                reason, cancelledBy, finishedAt, null, paused, holdsUntil);
    }

    /** Whether the pending nodes come last and are exactly {@code order}, in that order. */
    private boolean pendingIn(List<String> order) {
        int next = 0;
        for (NodeStatus node : nodes) {
            if (node.state() == NodeState.PENDING) {
                if (next >= order.size() || !node.node().equals(order.get(next))) {
                    return false;
                }
                next++;
            } else if (next > 0) {
                return false;
            }
        }
        return next == order.size();
    }

    /**
     * The names of the nodes that {@code which} takes, in order: a plain loop, since a run asks
     * this at every step of a fleet of up to ten thousand nodes.
     */
    public List<String> names(Predicate<NodeStatus> which) {
        List<String> names = new ArrayList<>();
        for (NodeStatus node : nodes) {
            if (which.test(node)) {
                names.add(node.node());
            }
        }
        return Collections.unmodifiableList(names);
    }

    private int indexOf(String name) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).node().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public RebootStatus withNodes(List<NodeStatus> changed) {
        return new RebootStatus(cluster, requestedBy, startedAt, phase, changed, current, master, waitingFor,
                reason, cancelledBy, finishedAt, null, paused, holdsUntil);
    }

    public RebootStatus turnOf(String name) {
        return new RebootStatus(cluster, requestedBy, startedAt, phase, nodes, name, master, waitingFor, reason,
                cancelledBy, finishedAt, null, paused, holdsUntil);
    }

    /** What the run waits for now; a stalled run waits for the operator first, and says so still. */
    public RebootStatus waiting(String what) {
        return waitingUntil(what, null);
    }

    /** Waiting for {@code what}, which ends by itself at {@code until} (null: it does not). */
    public RebootStatus waitingUntil(String what, Instant until) {
        String waits = phase == Phase.STALLED ? OPERATOR + " (meanwhile: " + what + ")" : what;
        return new RebootStatus(cluster, requestedBy, startedAt, phase, nodes, current, master, waits, reason,
                cancelledBy, finishedAt, null, paused, until);
    }

    public RebootStatus running() {
        return new RebootStatus(cluster, requestedBy, startedAt, Phase.RUNNING, nodes, current, master, waitingFor,
                null, cancelledBy, finishedAt, null, paused, holdsUntil);
    }

    public RebootStatus stalled(String why) {
        return new RebootStatus(cluster, requestedBy, startedAt, Phase.STALLED, nodes, current, master,
                OPERATOR, why, cancelledBy, finishedAt, null, paused, null);
    }

    /** Paused by {@code pause} (null: not paused): no node starts its turn until {@link #resumed}. */
    public RebootStatus pausedBy(Pause pause) {
        return new RebootStatus(cluster, requestedBy, startedAt, phase, nodes, current, master, waitingFor, reason,
                cancelledBy, finishedAt, null, pause, holdsUntil);
    }

    public RebootStatus resumed() {
        return pausedBy(null);
    }

    public RebootStatus cancelRequestedBy(String by) {
        return new RebootStatus(cluster, requestedBy, startedAt, phase, nodes, current, master, waitingFor, reason,
                by, finishedAt, null, paused, holdsUntil);
    }

    public RebootStatus finished(Phase end, String why, Instant at) {
        return new RebootStatus(cluster, requestedBy, startedAt, end, nodes, null, master, "nothing: the run is over",
                why, cancelledBy, at, null, null, null);
    }
}
