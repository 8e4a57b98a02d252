package org.distreboot.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.distreboot.client.DaemonStatus;
import org.distreboot.client.DryRunReport;
import org.distreboot.client.StatusReport.NodeLine;
import org.distreboot.client.StatusReport;
import org.distreboot.client.config.Settings;

/** The human form of the reports. */
final class TextOutput {
    private TextOutput() {
    }

    /** The lines status can print without any service: which node, which file, this daemon. */
    static void thisNode(Settings settings, List<String> propertiesNotRead, StatusReport.Daemon daemon,
                         PrintWriter out) {
        out.println("cluster " + settings.cluster() + ", node " + settings.node() + " ("
                + (settings.source() == null ? "no distreboot.properties: defaults" : settings.source().toString())
                + (propertiesNotRead.isEmpty() ? "" : "; not read: " + String.join(", ", propertiesNotRead)) + ")");
        if (!daemon.running()) {
            out.println("daemon: not running on this node (start it with distreboot --start)");
        } else if (DaemonStatus.WAITING.equals(daemon.state())) {
            out.println("daemon: running (pid " + daemon.pid() + "), " + daemon.waitingFor());
        } else {
            out.println("daemon: running (pid " + daemon.pid() + "), Temporal " + daemon.temporalTarget() + " "
                    + connection(daemon.temporalConnected(), daemon.temporalError()) + ", PostgreSQL "
                    + connection(daemon.postgresConnected(), daemon.postgresError()));
        }
    }

    /** The rest of the status: every node's heartbeat and the distributed reboot. */
    static void cluster(StatusReport report, PrintWriter out) {
        List<String> served = report.nodes().stream().filter(n -> report.node().equals(n.servedBy()))
                .map(NodeLine::node).toList();
        report.nodes().stream().filter(n -> n.node().equals(report.node())).findFirst().ifPresentOrElse(
                self -> out.println("this node: " + nodeState(self) + ", boot " + self.bootId()),
                () -> out.println(served.isEmpty() ? "this node: no heartbeat in PostgreSQL"
                        : "this host: serves " + String.join(", ", served) + " over ssh"));
        out.println();
        if (report.nodes().isEmpty()) {
            out.println("no node heartbeats for cluster " + report.cluster());
        } else {
            String format = "%-" + width(report) + "s  %-20s  %-12s  %-7s  %-5s  %-22s  %s%n";
            out.printf(format, "NODE", "HEARTBEAT EXPIRES", "", "ROLE", "READY", "DAEMON", "BOOT ID");
            for (NodeLine node : report.nodes()) {
                out.printf(format, node.node(), node.expires().toString().replaceFirst("\\.\\d+Z$", "Z"),
                        "(" + Relative.to(node.expires(), report.observedAt()) + ")",
                        node.role() == null ? "-" : node.role(),
                        node.ready() == null ? "-" : node.ready() ? "yes" : "no", daemon(node, report),
                        node.bootId() + (node.stopping() ? "  STOPPED" : node.stale() ? "  STALE" : "")
                                + (node.claimedBy() == null ? "" : "  CLAIMED BY TWO HOSTS: " + node.claimedBy())
                                + (node.group() == null ? "" : "  group " + node.group())
                                + (Boolean.TRUE.equals(node.rebootRequired()) ? "  needs a reboot" : "")
                                + (node.servedBy() == null ? "" : "  over ssh from " + node.servedBy()));
            }
        }
        out.println();
        reboot(report.reboot(), report, out);
    }

    private static void reboot(StatusReport.Reboot reboot, StatusReport report, PrintWriter out) {
        if (reboot.state().equals("NONE")) {
            out.println("distributed reboot: none yet");
            return;
        }
        String progress = reboot.total() == 0 ? "" : ", " + reboot.done().size() + " of "
                + (reboot.total() - reboot.skipped().size()) + " done"
                + (reboot.dropped().isEmpty() ? "" : ", dropped: " + String.join(", ", reboot.dropped()))
                + (reboot.failed().isEmpty() ? "" : ", FAILED: " + String.join(", ", reboot.failed()));
        out.println("distributed reboot: " + reboot.state() + progress
                + (reboot.requestedBy() == null ? "" : " (requested by " + reboot.requestedBy() + ")"));
        if (!reboot.order().isEmpty()) {
            out.println("  order:       " + String.join(" -> ", reboot.order()));
        }
        reboot.failed().forEach(node -> out.println("  failed:      " + node + ": " + reboot.notes().get(node)));
        if (!reboot.skipped().isEmpty()) {
            out.println("  skipped:     " + String.join(", ", reboot.skipped()) + " (no reboot-required sentinel)");
        }
        if (!reboot.sentinelAgain().isEmpty()) {
            out.println("  sentinel:    there again after the reboot on " + String.join(", ", reboot.sentinelAgain()));
        }
        if (reboot.current() != null) {
            out.println("  current:     " + reboot.current() + " (" + (reboot.currentState() == null ? "in flight"
                    : reboot.currentState().toLowerCase())
                    + (reboot.currentSince() == null ? "" : ", since " + reboot.currentSince() + ", "
                    + Relative.amount(Duration.between(reboot.currentSince(), report.observedAt()).abs()))
                    + ")");
        }
        if (reboot.next() != null) {
            out.println("  next:        " + reboot.next());
        }
        if (reboot.state().equals("STALLED")) {
            out.println("  STALLED:     " + reboot.reason());
            String stalledOn = "BATCH".equals(reboot.currentState()) ? "NODE (of " + reboot.current() + ")"
                    : reboot.current();
            out.println("  what to do:  distreboot --cancel, distreboot --drop=" + stalledOn
                    + ", or wait for " + reboot.current() + " to come back");
        } else if (reboot.reason() != null) {
            out.println("  why:         " + reboot.reason());
        }
        if (reboot.pausedBy() != null) {
            out.println("  PAUSED:      by " + reboot.pausedBy() + " at " + reboot.pausedAt()
                    + "; no further node starts until distreboot --resume");
        }
        if (reboot.state().equals("RUNNING") && reboot.waitingFor() != null) {
            out.println("  waiting for: " + reboot.waitingFor() + (reboot.holdsUntil() == null ? ""
                    : " (" + Relative.to(reboot.holdsUntil(), report.observedAt()) + ")"));
        }
        if (reboot.page() != null) {
            out.println("  Temporal UI: " + reboot.page());
        }
    }

    static void dryRun(DryRunReport report, PrintWriter out) {
        if (report.nothingToReboot()) {
            out.println("nothing to reboot in cluster " + report.cluster() + ": no node has its reboot-required sentinel"
                    + " (--all reboots every node)");
        } else if (report.inBatches()) {
            batches(report, out);
        } else {
            out.println("a distributed reboot of cluster " + report.cluster() + " started now would reboot, in order:");
            List<String> sequence = report.groups().isEmpty() ? report.order()
                    : report.batches().stream().map(batch -> batch.get(0)).toList();
            for (int i = 0; i < sequence.size(); i++) {
                String node = sequence.get(i);
                String how = String.join(", ", Stream.of(
                        node.equals(report.master()) ? "master, last" : null, overSsh(report, node))
                        .filter(Objects::nonNull).toList());
                out.println("  " + (i + 1) + ". " + node + (how.isEmpty() ? "" : "  (" + how + ")"));
            }
        }
        if (!report.skipped().isEmpty()) {
            out.println("skipped, their reboot-required sentinel is not there (--all reboots them too): "
                    + String.join(", ", report.skipped()));
        }
        if (report.maxFailed() > 0) {
            out.println("up to " + report.maxFailed() + " node(s) may fail to come back within reboot.timeout, each left"
                    + " out, before the run stalls (reboot.max-failed)");
        }
        if (report.grace() != null) {
            out.println("the first node's turn " + report.grace() + " after --reboot (reboot.grace): a --cancel"
                    + " within it reboots nothing");
        }
        if (report.settle() != null) {
            out.println("a pause of " + report.settle() + " after each " + (report.inBatches() ? "batch" : "node")
                    + " is back, before the next (reboot.settle)");
        }
        if (report.window() != null) {
            out.println("nodes start their turn only inside the reboot window " + report.window() + " (window.*): "
                    + (report.windowOpensAt() == null ? "open now" : "closed now, it opens at " + report.windowOpensAt()));
        }
        if (report.wouldStart()) {
            out.println("it would start: every node is fresh and ready, and the cluster is in quorum");
        } else {
            out.println("it would be refused:");
            report.blockers().forEach(blocker -> out.println("  - " + blocker));
        }
    }

    /** "over ssh from control-1" for a node a control host serves over ssh; null for one with its own daemon. */
    private static String overSsh(DryRunReport report, String node) {
        String control = report.servedBy().get(node);
        return control == null ? null : "over ssh from " + control;
    }

    /** The batches, each node with its group: one of a group at a time, its master last. */
    private static void batches(DryRunReport report, PrintWriter out) {
        out.println("a distributed reboot of cluster " + report.cluster() + " started now would reboot "
                + report.order().size() + " nodes in " + report.batches().size() + " batches of at most "
                + report.parallel() + " (reboot.parallel), one node of a topology group at a time, its master last:");
        Map<String, String> groupOf = new HashMap<>();
        for (int i = 0; i < report.order().size(); i++) {
            groupOf.put(report.order().get(i), report.groups().get(i));
        }
        for (int i = 0; i < report.batches().size(); i++) {
            List<String> named = report.batches().get(i).stream().map(node -> node + " (" + groupOf.get(node)
                    + (overSsh(report, node) == null ? "" : ", " + overSsh(report, node)) + ")").toList();
            out.println("  " + (i + 1) + ". " + String.join(", ", named));
        }
    }

    /**
     * How the node's daemon coordinates, as its last heartbeat says: "ok, polled 12s ago" when
     * Temporal answers it, "TEMPORAL DOWN, polled 3m ago" when not; "silent" when it posts no more
     * (down, or cut off from PostgreSQL), "stopped" after its last word, "-" when it does not say.
     */
    static String daemon(NodeLine node, StatusReport report) {
        if (node.stopping()) {
            return "stopped";
        }
        if (node.stale()) {
            return "silent";
        }
        if (node.temporalConnected() == null && node.polledAt() == null) {
            return "-";
        }
        String temporal = node.temporalConnected() == null ? "up" : node.temporalConnected() ? "ok" : "TEMPORAL DOWN";
        return temporal + (node.polledAt() == null ? ", no poll yet"
                : ", polled " + Relative.amount(Duration.between(node.polledAt(), report.observedAt()).abs()) + " ago");
    }

    private static String nodeState(NodeLine node) {
        return (node.stopping() ? "stopped" : node.stale() ? "STALE" : "fresh")
                + (node.role() == null ? "" : ", " + node.role())
                + (node.ready() == null ? "" : node.ready() ? ", ready" : ", NOT ready");
    }

    private static String connection(Boolean connected, String error) {
        if (connected == null) {
            return "(not known yet)";
        }
        return connected ? "connected" : "UNREACHABLE (" + error + ")";
    }

    private static int width(StatusReport report) {
        return Math.max(4, report.nodes().stream().mapToInt(n -> n.node().length()).max().orElse(4));
    }
}
