package org.distreboot.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.Hold;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.Verdict;

/**
 * Every decision of a distributed reboot, as plain functions of the heartbeats and the run's
 * status: what blocks, who is master, the order (master last, ties by name), who is next,
 * and whether a rebooted node is back. No Temporal, no I/O.
 */
public final class Planner {
    private static final Duration FIRST_RECHECK = Duration.ofSeconds(1);
    private static final Duration LONGEST_RECHECK = Duration.ofSeconds(30);
    private static final Duration LONGEST_LONG_RECHECK = Duration.ofMinutes(5);

    private Planner() {
    }

    /** Why a reboot may not start now, one line per node or condition; empty when it may. */
    public static List<String> preconditions(ClusterSnapshot snapshot) {
        if (snapshot.nodes().isEmpty()) {
            return List.of("no node heartbeats: is distreboot --start running on the nodes?");
        }
        return blockers(snapshot, snapshot.nodes().stream().map(NodeHeartbeat::node).toList(), Set.of());
    }

    /**
     * What keeps {@code members} from being whole: a node without a fresh heartbeat, a node
     * not ready, more than one master, no quorum; in a cluster of quorum groups, more than one
     * master or no quorum in a group. Nodes in {@code verifiedReady} passed their healthcmd just
     * now, which is fresher news than their heartbeat's.
     */
    public static List<String> blockers(ClusterSnapshot snapshot, Collection<String> members,
                                        Set<String> verifiedReady) {
        return blockers(snapshot, members, verifiedReady, Set.of(), false);
    }

    /**
     * As {@link #blockers(ClusterSnapshot, Collection, Set)}, where the {@code failed} members
     * (reboot.max-failed) may be down: they block nothing themselves, but count for quorum as down
     * unless fresh and ready. In a group with a failed member down, when {@code nextGoesDown}, the
     * quorum must hold with one more node down too: the next reboot must not take it away.
     */
    public static List<String> blockers(ClusterSnapshot snapshot, Collection<String> members,
                                        Set<String> verifiedReady, Set<String> failed, boolean nextGoesDown) {
        List<String> blockers = new ArrayList<>();
        Map<String, Integer> failedDown = new HashMap<>();
        Map<String, NodeHeartbeat> byName = byName(snapshot);
        Map<String, List<String>> groups = new TreeMap<>();
        Map<String, Integer> fine = new HashMap<>();
        boolean grouped = members.stream().map(byName::get).anyMatch(h -> h != null && h.group() != null);
        for (String member : sorted(members)) {
            Optional<NodeHeartbeat> heartbeat = Optional.ofNullable(byName.get(member));
            String group = heartbeat.map(NodeHeartbeat::group).orElse(null);
            if (heartbeat.isPresent() || !grouped) {
                // a node without a heartbeat has no group to count in, and blocks anyway
                groups.computeIfAbsent(group == null ? "" : group, g -> new ArrayList<>()).add(member);
            }
            boolean fresh = heartbeat.isPresent() && heartbeat.get().claimedBy() == null && !heartbeat.get().stale();
            if (failed.contains(member) && !(fresh && heartbeat.get().readyOrUnchecked())) {
                failedDown.merge(group == null ? "" : group, 1, Integer::sum);
            } else if (heartbeat.isEmpty()) {
                blockers.add(member + ": no heartbeat (is its distreboot daemon running?)");
            } else if (heartbeat.get().claimedBy() != null) {
                blockers.add(claimedTwice(heartbeat.get()));
            } else if (heartbeat.get().stale()) {
                blockers.add(member + ": heartbeat stale since " + heartbeat.get().expires()
                        + " (daemon down, node unreachable or rebooting)");
            } else if (!heartbeat.get().readyOrUnchecked() && !verifiedReady.contains(member)) {
                blockers.add(member + ": not ready (its healthcmd fails)");
            } else {
                fine.merge(group == null ? "" : group, 1, Integer::sum);
            }
        }
        groups.forEach((group, inGroup) -> {
            String where = groups.size() == 1 && group.isEmpty() ? "" : " in group " + group;
            List<String> masters = masters(snapshot, inGroup);
            if (masters.size() > 1) {
                blockers.add("more than one master" + where + ": " + String.join(", ", masters) + " (split brain?)");
            }
            int quorate = fine.getOrDefault(group, 0);
            int down = failedDown.getOrDefault(group, 0);
            if (quorate * 2 <= inGroup.size()) {
                blockers.add("no quorum" + where + ": only " + quorate + " of " + inGroup.size()
                        + " nodes are fresh and ready");
            } else if (down > 0 && nextGoesDown && (quorate - 1) * 2 <= inGroup.size()) {
                blockers.add("no quorum to spare" + where + ": " + quorate + " of " + inGroup.size()
                        + " nodes are up, " + down + " failed (reboot.max-failed) and down; one more reboot would"
                        + " lose quorum (bring the failed back, or --drop them)");
            }
        });
        return blockers;
    }

    /**
     * The members whose name two hosts claim (both post heartbeats as that node), one line each
     * saying what to do: no node of the run may be touched until one host gives the name up.
     */
    public static List<String> claimedTwice(ClusterSnapshot snapshot, Collection<String> members) {
        Map<String, NodeHeartbeat> byName = byName(snapshot);
        return sorted(members).stream().flatMap(member -> Optional.ofNullable(byName.get(member)).stream())
                .filter(heartbeat -> heartbeat.claimedBy() != null).map(Planner::claimedTwice).toList();
    }

    private static String claimedTwice(NodeHeartbeat heartbeat) {
        return heartbeat.node() + ": claimed by two hosts, " + heartbeat.claimedBy()
                + " (give one of them its own node=, or stop distreboot on it)";
    }

    /** The master among {@code among}, if exactly one node says it is. */
    public static Optional<String> master(ClusterSnapshot snapshot, Collection<String> among) {
        List<String> masters = masters(snapshot, among);
        return masters.size() == 1 ? Optional.of(masters.get(0)) : Optional.empty();
    }

    /** The order to reboot {@code pending} in: by name, with whoever is master now last. */
    public static List<String> order(ClusterSnapshot snapshot, Collection<String> pending) {
        List<String> masters = masters(snapshot, pending);
        List<String> order = new ArrayList<>(sorted(pending));
        order.removeAll(masters);
        order.addAll(masters);
        return order;
    }

    /** The order to reboot {@code pending} in: by name, {@code master} (if among them) last. */
    public static List<String> order(Collection<String> pending, String master) {
        List<String> order = new ArrayList<>(sorted(pending));
        if (master != null && order.remove(master)) {
            order.add(master);
        }
        return order;
    }

    /** The order to reboot {@code pending} in: by name, {@code masters} (those among them) last. */
    public static List<String> order(Collection<String> pending, Collection<String> masters) {
        List<String> order = new ArrayList<>(sorted(pending));
        List<String> last = sorted(masters).stream().filter(order::remove).toList();
        order.addAll(last);
        return order;
    }

    /**
     * What a run does next, the manual's ladder climbed before every turn: a cancel ends the run; a
     * turn the previous run of this workflow left in flight is taken up; an operator's {@code hold}
     * (a pause, the reboot window) is waited out; a cluster not known whole since {@code last} is
     * looked at until it is; then the next node's turn (master last) or, {@code batched}, the next
     * batch of up to {@code batchSize} nodes, one of a quorum group each. None left: the run is
     * complete. A serial run is a run in batches of one, save that its turn in flight is the current
     * node's (a node whose boot id is not read yet counts) and its next node ignores groups: the
     * runs begun before "parallel-batches" went so.
     */
    public static Step step(RebootStatus status, Verdict last, Optional<Hold> hold, boolean batched, int batchSize) {
        if (status.cancelRequested()) {
            return Step.of(Step.Kind.CANCEL);
        }
        List<String> inFlight = batched ? status.inFlight()
                : status.current() == null ? List.of() : List.of(status.current());
        if (!inFlight.isEmpty()) {
            return Step.of(Step.Kind.TAKE_UP, inFlight);
        }
        if (hold.isPresent()) {
            return Step.hold(hold.get());
        }
        if (last == null || !last.whole()) {
            return Step.of(Step.Kind.AWAIT_WHOLE);
        }
        List<String> next = batched ? BatchPlanner.batch(status, last.allMasters(), batchSize)
                : next(status, last.master()).stream().toList();
        return next.isEmpty() ? Step.of(Step.Kind.COMPLETE) : Step.of(Step.Kind.TURN, next);
    }

    /** The node to reboot next, {@code master} last, or empty when every node is done or dropped. */
    public static Optional<String> next(RebootStatus status, String master) {
        String next = null;
        boolean masterPending = false;
        for (NodeStatus node : status.nodes()) {
            if (node.state() != NodeState.PENDING) {
                continue;
            }
            if (node.node().equals(master)) {
                masterPending = true;
            } else if (next == null || node.node().compareTo(next) < 0) {
                next = node.node();
            }
        }
        return Optional.ofNullable(next != null ? next : masterPending ? master : null);
    }

    /**
     * One look at the heartbeats of {@code members}, as a few lines: what keeps them from being
     * whole (and, after {@code node}'s reboot, whether its new daemon shows yet), whether a name
     * is claimed twice, and the master. {@code node} passed its healthcmd just now, if not null.
     */
    public static Verdict verdict(ClusterSnapshot snapshot, Collection<String> members, String node,
                                  String bootIdBefore, String next) {
        return verdict(snapshot, members, node, bootIdBefore, next, Set.of());
    }

    /**
     * As {@link #verdict(ClusterSnapshot, Collection, String, String, String)}, with the members that
     * {@code failed} (reboot.max-failed) allowed down; whether a rebooted {@code node} that is back has
     * its reboot-required sentinel again.
     */
    public static Verdict verdict(ClusterSnapshot snapshot, Collection<String> members, String node,
                                  String bootIdBefore, String next, Set<String> failed) {
        List<String> blockers = new ArrayList<>();
        boolean back = false;
        if (node != null) {
            Optional<String> notBack = notBackYet(snapshot, node, bootIdBefore);
            notBack.ifPresent(blockers::add);
            back = notBack.isEmpty();
        }
        blockers.addAll(blockers(snapshot, members, node == null ? Set.of() : Set.of(node), failed, next != null));
        boolean claimed = !claimedTwice(snapshot, members).isEmpty();
        int shown = Math.min(blockers.size(), Verdict.SHOWN);
        String nextBootId = next == null ? null : snapshot.node(next)
                .filter(heartbeat -> !heartbeat.stale() && heartbeat.claimedBy() == null)
                .map(NodeHeartbeat::bootId).orElse(null);
        boolean sentinelAgain = back && Boolean.TRUE.equals(snapshot.node(node).map(NodeHeartbeat::rebootRequired)
                .orElse(false));
        return new Verdict(blockers.subList(0, shown), blockers.size() - shown, claimed,
                master(snapshot, members).orElse(null), null, next, nextBootId, groupMasters(snapshot, members),
                sentinelAgain);
    }

    /**
     * The nodes of {@code order} whose daemon said their reboot-required sentinel is not there, in
     * order: a run without --all skips them. A node whose daemon does not check is not among them.
     */
    public static List<String> noSentinel(ClusterSnapshot snapshot, List<String> order) {
        Map<String, NodeHeartbeat> byName = byName(snapshot);
        return order.stream().filter(node -> byName.containsKey(node) && byName.get(node).noRebootRequired()).toList();
    }

    /** In a cluster of quorum groups, the master of each group that has exactly one; else empty. */
    public static List<String> groupMasters(ClusterSnapshot snapshot, Collection<String> members) {
        Map<String, NodeHeartbeat> byName = byName(snapshot);
        Map<String, List<String>> groups = new TreeMap<>();
        for (String member : members) {
            NodeHeartbeat heartbeat = byName.get(member);
            if (heartbeat != null && heartbeat.group() != null) {
                groups.computeIfAbsent(heartbeat.group(), g -> new ArrayList<>()).add(member);
            }
        }
        List<String> masters = new ArrayList<>();
        groups.values().forEach(inGroup -> master(snapshot, inGroup).ifPresent(masters::add));
        return sorted(masters);
    }

    /** Each of {@code order}'s nodes' quorum group, in order, or null when none has one. */
    public static List<String> groups(ClusterSnapshot snapshot, List<String> order) {
        Map<String, NodeHeartbeat> byName = byName(snapshot);
        List<String> groups = order.stream().map(node -> Optional.ofNullable(byName.get(node))
                .map(NodeHeartbeat::group).orElse("")).toList();
        return groups.stream().allMatch(String::isEmpty) ? null : groups;
    }

    /** The look before a run starts: its preconditions, over the nodes of its plan. */
    public static Verdict firstLook(ClusterSnapshot snapshot, List<String> plan) {
        if (plan.isEmpty()) {
            return new Verdict(preconditions(snapshot), 0, false, null, null, null, null);
        }
        return verdict(snapshot, plan, null, null, plan.get(0));
    }

    /** The node to reboot next, or empty when every node is done or dropped. */
    public static Optional<String> next(RebootStatus status, ClusterSnapshot snapshot) {
        return order(snapshot, status.withState(NodeState.PENDING)).stream().findFirst();
    }

    /**
     * Why the heartbeats do not yet show {@code node} back from its reboot (a fresh heartbeat
     * from a daemon on a new boot), or empty when they do.
     */
    public static Optional<String> notBackYet(ClusterSnapshot snapshot, String node, String bootIdBefore) {
        Optional<NodeHeartbeat> heartbeat = snapshot.node(node);
        if (heartbeat.isEmpty() || heartbeat.get().stale()) {
            return Optional.of(node + ": no fresh heartbeat from its new daemon yet");
        }
        if (heartbeat.get().bootId().equals(bootIdBefore)) {
            return Optional.of(node + ": its heartbeat still shows the boot before the reboot");
        }
        return Optional.empty();
    }

    /** Why a drop cannot be taken, as (failure type, message); empty when it can. */
    public static Optional<Refusal> dropRefusal(RebootStatus status, DropRequest request) {
        if (status == null) {
            return Optional.of(new Refusal("NotStarted", "the reboot is still starting; try again"));
        }
        if (!status.phase().active()) {
            return Optional.of(new Refusal("RunOver", "the reboot is over (" + status.phase() + ")"));
        }
        if (request.by() == null || request.by().isBlank()) {
            return Optional.of(new Refusal("BadRequest", "a drop must say who asked for it"));
        }
        Optional<NodeStatus> node = status.node(request.node());
        if (node.isEmpty()) {
            return Optional.of(new Refusal("UnknownNode", "unknown node '" + request.node()
                    + "'; the nodes of this reboot are: " + String.join(", ", status.order())));
        }
        if (!node.get().state().droppable()) {
            return Optional.of(new Refusal("AlreadyFinished", node.get().node() + " is already "
                    + node.get().state().name().toLowerCase()));
        }
        return Optional.empty();
    }

    /** Whether one more node may fail (reboot.max-failed) and the run go on without it: fewer failed than allowed. */
    public static boolean mayFail(RebootStatus status, int maxFailed) {
        return status.count(NodeState.FAILED) < maxFailed;
    }

    /** An operator request the run cannot take. */
    public record Refusal(String type, String message) {
    }

    /** How long to wait before looking at the heartbeats again: 1 s, doubling, at most 30 s. */
    public static Duration recheckDelay(int attempt) {
        long seconds = FIRST_RECHECK.getSeconds() << Math.min(attempt, 5);
        return Duration.ofSeconds(Math.min(seconds, LONGEST_RECHECK.getSeconds()));
    }

    /**
     * How long a wait for the cluster to be whole pauses before it looks again, by its attempt and
     * how long it has waited: 1 s, doubling, up to 30 s; past five minutes a tenth of the time
     * waited, at most five minutes. A run stalled over a long weekend looks about a thousand times,
     * not a hundred thousand; a node's return ends a wait for it at once, and an operator's action
     * any wait. A longer pause ends at {@code untilStall} (when positive), the moment the wait would
     * stall the run, so that a stall is said when it happens.
     */
    public static Duration recheckDelay(int attempt, Duration waited, Duration untilStall) {
        Duration early = recheckDelay(attempt);
        Duration longer = min(waited.dividedBy(10), LONGEST_LONG_RECHECK);
        if (longer.compareTo(early) <= 0) {
            return early;
        }
        return untilStall.isNegative() || untilStall.isZero() ? longer : max(early, min(longer, untilStall));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static List<String> masters(ClusterSnapshot snapshot, Collection<String> among) {
        Set<String> candidates = new HashSet<>(among);
        return snapshot.nodes().stream()
                .filter(n -> n.claimsMaster() && !n.stale() && candidates.contains(n.node()))
                .map(NodeHeartbeat::node).sorted().toList();
    }

    private static Map<String, NodeHeartbeat> byName(ClusterSnapshot snapshot) {
        Map<String, NodeHeartbeat> byName = new HashMap<>();
        snapshot.nodes().forEach(heartbeat -> byName.put(heartbeat.node(), heartbeat));
        return byName;
    }

    private static List<String> sorted(Collection<String> names) {
        return names.stream().sorted(Comparator.naturalOrder()).toList();
    }
}
