package org.distreboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.distreboot.cli.screen.TerminalSize;
import org.distreboot.client.RunView;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.Heartbeat;
import org.distreboot.db.NodeHeartbeatRow;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootStatus;
import org.junit.jupiter.api.Test;

/** What --watch draws (the table) and prints (a line per change), from a run's status and its heartbeats. */
class WatchScreenTest {
    /** A terminal that shows every line whole. */
    private static final TerminalSize LARGE = new TerminalSize(200, 100);
    private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant NOW = START.plusSeconds(75);
    private static final List<String> ORDER = List.of("node-a", "node-b", "node-c");

    /** node-a done (turn 20s), node-b rebooting since 50s in, node-c pending. */
    private static RebootStatus midRun() {
        return RebootStatus.start("prod", "root@host-a", ORDER, "node-c", START)
                .withNode("node-a", n -> n.started(START.plusSeconds(5)).draining("aaaaaaaa-1111")
                        .done("bbbbbbbb-2222", START.plusSeconds(25)))
                .withNode("node-b", n -> n.started(START.plusSeconds(50)).draining("cccccccc-3333")
                        .in(NodeState.REBOOTING))
                .turnOf("node-b").waiting("node-b to come back on a new boot with its healthcmd passing");
    }

    private static ClusterHeartbeats heartbeats() {
        return new ClusterHeartbeats("prod", NOW, List.of(
                row("node-a", "bbbbbbbb-2222", "member", false, false),
                row("node-b", "cccccccc-3333", "member", true, true),
                row("node-c", "dddddddd-4444", "master", false, false)));
    }

    private static NodeHeartbeatRow row(String node, String boot, String role, boolean stale, boolean stopping) {
        return new NodeHeartbeatRow(new Heartbeat("prod", node, boot, "d-" + node, START, role, true, "0.1", stopping,
                "", ""), NOW.plusSeconds(stale ? -5 : 15), stale, NOW.minusSeconds(1));
    }

    @Test
    void givenARunMidWay_theTableSaysWhereItStandsAndEachNodesStateTurnAndBoots() {
        List<String> lines = WatchTable.screen("prod", new RunView(Phase.RUNNING, midRun(), null), heartbeats(),
                Map.of(), NOW).fit(LARGE);

        assertThat(lines.get(0)).isEqualTo(
                "distributed reboot of cluster prod: RUNNING, 1 of 3 done, 1m 15s (requested by root@host-a)");
        assertThat(lines).contains(
                "  current:     node-b rebooting, its turn began 25s ago",
                "  waiting for: node-b to come back on a new boot with its healthcmd passing",
                "NODE    STATE          TURN  HEARTBEAT  ROLE     BOOT ID",
                "node-a  DONE            20s  fresh      member   aaaaaaaa -> bbbbbbbb",
                "node-b  REBOOTING       25s  stopped    member?  cccccccc",
                "node-c  PENDING           -  fresh      master   dddddddd",
                "[##########--------------------] 1/3 rebooted");
    }

    @Test
    void givenPostgresDown_theTableSaysSoAndShowsTheRunWithoutHeartbeats() {
        List<String> lines = WatchTable.screen("prod", new RunView(Phase.RUNNING, midRun(), null), null,
                Map.of("PostgreSQL", "PostgreSQL at jdbc:postgresql://db/x unreachable: refused; since …"), NOW)
                .fit(LARGE);

        assertThat(lines).contains("  PostgreSQL at jdbc:postgresql://db/x unreachable: refused; since …");
        assertThat(lines).contains("node-b  REBOOTING       25s  ?          -        cccccccc");
    }

    @Test
    void awayFromATerminal_eachChangeIsOneLineAndNothingElse() {
        WatchLines watch = new WatchLines();
        RebootStatus first = RebootStatus.start("prod", "root@host-a", ORDER, "node-c", START)
                .withNode("node-a", n -> n.started(START.plusSeconds(5)).draining("aaaaaaaa-1111"))
                .turnOf("node-a").waiting("draincmd on node-a");

        assertThat(watch.changes(new RunView(Phase.RUNNING, first, null), Map.of(), START.plusSeconds(6)))
                .containsExactly("2026-12-03T10:00:06Z  node-a  DRAINING",
                        "2026-12-03T10:00:06Z  run  RUNNING",
                        "2026-12-03T10:00:06Z  run  waiting for draincmd on node-a");
        assertThat(watch.changes(new RunView(Phase.RUNNING, first, null), Map.of(), START.plusSeconds(7))).isEmpty();

        Map<String, String> down = Map.of("Temporal", "Temporal at t:7233 unreachable: refused; since 10:00:08Z (0s)");
        assertThat(watch.changes(new RunView(Phase.RUNNING, first, null), down, START.plusSeconds(8)))
                .containsExactly("2026-12-03T10:00:08Z  Temporal at t:7233 unreachable: refused; since 10:00:08Z (0s)");
        Map<String, String> stillDown = Map.of("Temporal", "Temporal at t:7233 unreachable: refused; since 10:00:08Z (1s)");
        assertThat(watch.changes(new RunView(Phase.RUNNING, first, null), stillDown, START.plusSeconds(9))).isEmpty();

        RebootStatus second = midRun();
        assertThat(watch.changes(new RunView(Phase.RUNNING, second, null), Map.of(), START.plusSeconds(51)))
                .containsExactly("2026-12-03T10:00:51Z  Temporal answers again",
                        "2026-12-03T10:00:51Z  node-a  DONE: turn 20s, boot aaaaaaaa-1111 -> bbbbbbbb-2222",
                        "2026-12-03T10:00:51Z  node-b  REBOOTING",
                        "2026-12-03T10:00:51Z  run  waiting for node-b to come back on a new boot with its healthcmd "
                                + "passing");

        RebootStatus stalled = second.stalled("node-b is not back after 5m");
        assertThat(watch.changes(new RunView(Phase.STALLED, stalled, stalled.reason()), Map.of(), START.plusSeconds(400)))
                .containsExactly("2026-12-03T10:06:40Z  run  STALLED: node-b is not back after 5m");

        // A run's result keeps most nodes by name and state only: their line says no more.
        RebootStatus ended = stalled.withNode("node-c", n -> n.in(NodeState.DONE))
                .finished(Phase.COMPLETED, null, START.plusSeconds(500));
        assertThat(watch.changes(new RunView(Phase.COMPLETED, ended, null), Map.of(), START.plusSeconds(501)))
                .containsExactly("2026-12-03T10:08:21Z  node-c  DONE", "2026-12-03T10:08:21Z  run  COMPLETED");
    }

    @Test
    void theExitCodeSaysHowTheRunEnded() {
        assertThat(WatchAction.exitCode(Phase.COMPLETED)).isZero();
        assertThat(WatchAction.exitCode(Phase.CANCELLED)).isEqualTo(5);
        assertThat(WatchAction.exitCode(Phase.FAILED)).isEqualTo(6);
    }
}
