package org.distreboot.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;
import org.distreboot.client.config.Settings;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.workflow.Durations;
import org.distreboot.workflow.BatchPlanner;
import org.distreboot.workflow.Planner;
import org.distreboot.workflow.values.ClusterSnapshot;
import org.distreboot.workflow.values.NodeHeartbeat;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.NodeStatus;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.RebootWindow;

/** Builds the reports from what PostgreSQL, Temporal and the daemon's status file say. Pure. */
public final class Reports {
    private Reports() {
    }

    /** What a run started now would do; {@code all}: every node, with or without its reboot-required sentinel. */
    public static DryRunReport dryRun(Settings settings, ClusterHeartbeats heartbeats, RunView run, boolean all) {
        String cluster = settings.cluster();
        int parallel = settings.reboot().parallel();
        ClusterSnapshot snapshot = Snapshots.of(heartbeats);
        List<String> nodes = snapshot.nodes().stream().map(NodeHeartbeat::node).toList();
        List<String> blockers = new ArrayList<>(Planner.preconditions(snapshot));
        if (run.inProgress()) {
            blockers.add(0, "a distributed reboot is already " + run.state().toLowerCase()
                    + "; follow it with 'distreboot'");
        }
        List<String> order = Planner.order(snapshot, nodes);
        List<String> groups = Planner.groups(snapshot, order);
        String master = Planner.master(snapshot, nodes).orElse(null);
        List<String> masters = groups == null ? (master == null ? List.of() : List.of(master))
                : Planner.groupMasters(snapshot, nodes);
        List<String> skipped = all ? List.of() : Planner.noSentinel(snapshot, order);
        RebootStatus planned = (groups == null ? RebootStatus.start(cluster, "dry-run", order, master, heartbeats.now())
                : RebootStatus.start(cluster, "dry-run", order, groups, master, heartbeats.now())).skipping(skipped);
        List<String> rebooted = planned.withState(NodeState.PENDING);
        List<String> rebootedGroups = groups == null ? List.of() : planned.nodes().stream()
                .filter(node -> node.state() == NodeState.PENDING).map(node -> node.group() == null ? "" : node.group())
                .toList();
        return new DryRunReport(cluster, rebooted, master, blockers, blockers.isEmpty(), parallel,
                BatchPlanner.batches(planned, masters, parallel), rebootedGroups,
                written(settings.reboot().grace()), written(settings.reboot().settle()),
                settings.window().rebootWindow().map(RebootWindow::describe).orElse(null),
                settings.window().rebootWindow().filter(window -> !window.open(heartbeats.now()))
                        .map(window -> window.nextOpening(heartbeats.now())).orElse(null),
                skipped, all, settings.reboot().maxFailed(), servedBy(heartbeats));
    }

    /** The nodes served over ssh, each with its control host, in name order. */
    private static Map<String, String> servedBy(ClusterHeartbeats heartbeats) {
        Map<String, String> served = new TreeMap<>();
        heartbeats.nodes().stream().filter(row -> row.heartbeat().servedBy() != null)
                .forEach(row -> served.put(row.node(), row.heartbeat().servedBy()));
        return served;
    }

    /** A wait as the operator writes it, or null for none. */
    private static String written(Duration wait) {
        return wait.isZero() ? null : Durations.format(wait);
    }

    /**
     * This node's daemon, running as {@code daemonPid} (empty when not), from its status file: known
     * without asking any service.
     */
    public static StatusReport.Daemon daemon(Settings settings, Optional<Long> daemonPid) {
        return daemon(settings, daemonPid, daemonPid.flatMap(pid -> RunDir.readStatus(settings.host().rundir()))
                .flatMap(DaemonStatus::fromJson));
    }

    private static StatusReport.Daemon daemon(Settings settings, Optional<Long> daemonPid,
                                              Optional<DaemonStatus> daemon) {
        return new StatusReport.Daemon(daemonPid.isPresent(), daemonPid.orElse(null),
                daemon.map(DaemonStatus::state).orElse(null), daemon.map(DaemonStatus::waitingFor).orElse(null),
                settings.temporal().target(),
                daemon.map(DaemonStatus::temporalConnected).orElse(null),
                daemon.map(DaemonStatus::temporalError).orElse(null),
                daemon.map(DaemonStatus::postgresConnected).orElse(null),
                daemon.map(DaemonStatus::postgresError).orElse(null),
                daemon.map(DaemonStatus::version).orElse(null));
    }

    public static StatusReport status(Settings settings, List<String> propertiesNotRead, StatusReport.Daemon daemon,
                               ClusterHeartbeats heartbeats, RunView run, String answeredBy) {
        List<StatusReport.NodeLine> nodes = heartbeats.nodes().stream()
                .map(row -> new StatusReport.NodeLine(row.node(), row.expiresAt(), row.stale(), row.role(), row.ready(),
                        row.bootId(), row.stopping(), row.daemonStartedAt(), row.claimedBy().orElse(null),
                        row.heartbeat().topology(), row.heartbeat().rebootRequired(),
                        row.heartbeat().temporalConnected(), row.polledAt(), row.heartbeat().servedBy()))
                .toList();
        return new StatusReport(settings.cluster(), settings.node(),
                settings.source() == null ? null : settings.source().toString(), propertiesNotRead, daemon, nodes,
                reboot(run, RunPage.of(settings).orElse(null)), heartbeats.now(), answeredBy);
    }

    private static StatusReport.Reboot reboot(RunView run, String page) {
        RebootStatus status = run.status();
        if (status == null) {
            return new StatusReport.Reboot(run.state(), List.of(), List.of(), List.of(), null, null, null, null,
                    null, null, run.reason(), null, null, null, 0, run.state().equals("NONE") ? null : page, null,
                    null, null, List.of(), List.of(), List.of(), Map.of());
        }
        Optional<NodeStatus> current = Optional.ofNullable(status.current()).flatMap(status::node);
        List<NodeStatus> batch = status.inFlight().stream().flatMap(node -> status.node(node).stream()).toList();
        String currentState = current.map(n -> n.state().name())
                .orElse(status.current() == null || batch.isEmpty() ? null : "BATCH");
        Instant currentSince = current.map(NodeStatus::startedAt).orElse(batch.stream().map(NodeStatus::startedAt)
                .filter(Objects::nonNull).min(Instant::compareTo).orElse(null));
        String next = status.nodes().stream().filter(n -> n.state() == NodeState.PENDING).map(NodeStatus::node)
                .findFirst().orElse(null);
        return new StatusReport.Reboot(run.state(), status.order(), status.withState(NodeState.DONE),
                status.withState(NodeState.DROPPED), status.current(),
                currentState, currentSince,
                run.inProgress() ? next : null, status.master(), status.waitingFor(),
                run.reason() != null ? run.reason() : status.reason(), status.requestedBy(), status.startedAt(),
                status.finishedAt(), status.nodes().size(), page,
                status.paused() == null ? null : status.paused().by(),
                status.paused() == null ? null : status.paused().at(), status.holdsUntil(),
                status.withState(NodeState.SKIPPED), status.withState(NodeState.FAILED),
                status.names(node -> node.note() != null && node.state() == NodeState.DONE), notes(status));
    }

    private static Map<String, String> notes(RebootStatus status) {
        Map<String, String> notes = new LinkedHashMap<>();
        status.nodes().stream().filter(node -> node.note() != null).forEach(node -> notes.put(node.node(), node.note()));
        return notes;
    }
}
