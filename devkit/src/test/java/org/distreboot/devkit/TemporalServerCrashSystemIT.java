package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.history.v1.HistoryEvent;
import org.distreboot.workflow.TaskQueues;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real Temporal server itself dies mid-run: kill -9 at a chosen moment of the run, down for
 * longer than the heartbeat TTL, then started again on the same store. The run resumes and
 * completes, each node rebooted once and the master last, never two nodes down at once, and the
 * daemons reconnect without being restarted. On the dev server (SQLite) at three moments of a
 * four-node run; on the Temporal server on PostgreSQL (production's) mid-reboot of a five-node run.
 */
class TemporalServerCrashSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final LocalCluster.Options OPTIONS = LocalCluster.Options.defaults().withNodes(4)
            .withRebootDelay(Duration.ofSeconds(3));
    /** Longer than the heartbeat TTL: every heartbeat is stale when the server returns, unless posted since. */
    private static final Duration DOWN = OPTIONS.heartbeatTtl().plusSeconds(3);

    @AutoClose
    private E2eCluster cluster;

    /** When the server dies, in the turn of the second node (node-c; node-a is done by then). */
    enum Moment {
        /** node-c's rebootcmd has taken its daemon down; the host is not back yet. */
        MID_REBOOT,
        /** node-c's new daemon is starting: the workflow waits for its rejoin. */
        AWAITING_REJOIN,
        /** node-a is back and node-c untouched: no node is in flight. */
        BETWEEN_NODES
    }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void givenTheDevServerKilledMidRun_whenItComesBackAfterTheTtl_theRunCompletesEachNodeOnceMasterLast(Moment moment)
            throws Exception {
        Path cli = SystemTools.require("temporal", TemporalDevServer.PINNED);
        cluster = E2eCluster.create("crash-" + moment.name().toLowerCase().replace('_', '-'), OPTIONS, cli);
        killMidRunAndResume(moment, "dev-server-killed-" + moment.name().toLowerCase().replace('_', '-'));
    }

    @Test
    void givenTheServerOnPostgresKilledMidReboot_whenItComesBack_aFiveNodeRunCompletesEachNodeOnceMasterLast()
            throws Exception {
        cluster = E2eCluster.prepare("crash-on-postgres", OPTIONS.withNodes(5),
                TemporalSqlServer.factory(SystemTools.temporalServer(), E2eCluster.checkout("docker/temporal"), null),
                Hosts.loopback());
        cluster.startServices();
        killMidRunAndResume(Moment.MID_REBOOT, "sql-server-killed-mid-reboot");
    }

    private void killMidRunAndResume(Moment moment, String scenario) throws Exception {
        cluster.startDaemons();
        Map<String, String> bootIdsBefore = new LinkedHashMap<>();
        for (String node : cluster.nodes) {
            bootIdsBefore.put(node, cluster.bootId(node));
        }
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        assertThat(reboot.out()).doesNotContain("search attributes");
        try (E2eCluster.RunningCli watch = cluster.startCli(cluster.nodes.get(1), "--watch")) {
            killMidRunAndResume(moment, scenario, bootIdsBefore, watch);
            // --watch, started before the crash, went on through it, and ended with the run.
            CliResult watched = watch.await(PATIENCE);
            assertThat(watched.exitCode()).as(watched.toString()).isZero();
            List<String> events = watched.out().lines().map(line -> line.substring(line.indexOf("  ") + 2))
                    .map(line -> line.replaceFirst(":.*", "")).toList();
            assertThat(events).as(watched.out()).containsSubsequence("Temporal at " + cluster.temporal().target()
                    .replaceFirst(":.*", ""), "Temporal answers again", "run  COMPLETED");
        }
    }

    private void killMidRunAndResume(Moment moment, String scenario, Map<String, String> bootIdsBefore,
            E2eCluster.RunningCli watch) throws Exception {
        awaitMoment(moment);
        List<String> rebootedBeforeTheCrash = cluster.rebootOrder();
        cluster.temporal().stop();

        long asked = System.nanoTime();
        CliResult whileDown = cluster.cli(cluster.nodes.get(cluster.nodes.size() - 1));
        long answeredMillis = (System.nanoTime() - asked) / 1_000_000;
        assertThat(whileDown.exitCode()).as(whileDown.toString()).isEqualTo(3);
        assertThat(whileDown.errLines()).singleElement().asString().contains("Temporal at", "unreachable");
        // A figure, not an assertion: a time bound in a test fails on a busy machine for nothing.
        System.out.printf("status while Temporal is down answered in %d ms%n", answeredMillis);
        Thread.sleep(DOWN.toMillis());
        // Down until the watch has seen it too, however late its look: it is to say the outage.
        watch.awaitSaid("Temporal at " + cluster.temporal().target().replaceFirst(":.*", ""), PATIENCE);
        cluster.temporal().start();

        JsonNode end = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        System.out.printf("server killed %s (rebooted before: %s): completed, %s%n", moment, rebootedBeforeTheCrash,
                cluster.rebootOrder());
        assertThat(rebootedBeforeTheCrash).as("the moment of the crash").isEqualTo(switch (moment) {
            case MID_REBOOT, AWAITING_REJOIN -> List.of("node-a", "node-c");
            case BETWEEN_NODES -> List.of("node-a");
        });
        List<String> order = new ArrayList<>(cluster.nodes);
        order.remove(OPTIONS.master());
        order.add(OPTIONS.master());
        assertThat(cluster.rebootOrder()).as("each node once, the master node-b last").isEqualTo(order);
        assertThat(E2eCluster.stream(end.path("reboot").path("done")).map(JsonNode::asText)).containsExactlyElementsOf(order);
        for (String node : cluster.nodes) {
            assertThat(cluster.bootId(node)).as("%s has a new boot", node).isNotEqualTo(bootIdsBefore.get(node));
            assertThat(cluster.times(node, "starts.log")).as("%s booted once", node).hasSize(1);
            cluster.awaitDaemonStatus(node, s -> s.path("temporalConnected").asBoolean(), PATIENCE);
        }
        assertNeverTwoNodesDown();
        cluster.saveHistory(scenario);
        assertThat(cluster.temporalClient().fetchHistory(TaskQueues.workflowId(cluster.name)).getEvents().stream()
                .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)
                .map(event -> event.getWorkflowTaskScheduledEventAttributes().getTaskQueue().getKind()))
                .as("a real server's workflow tasks go to the daemon that has the run in its cache (sticky), mostly")
                .contains(TaskQueueKind.TASK_QUEUE_KIND_STICKY);
    }

    /** A node is down from its rebootcmd until its daemon starts again: those spans never overlap. */
    private void assertNeverTwoNodesDown() throws Exception {
        List<long[]> down = new ArrayList<>();
        for (String node : cluster.nodes) {
            down.add(new long[] {cluster.times(node, "reboots.log").get(0), cluster.times(node, "starts.log").get(0)});
        }
        down.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < down.size(); i++) {
            assertThat(down.get(i)[0]).as("a reboot began before the previous node was back").isGreaterThan(down.get(i - 1)[1]);
        }
    }

    private void awaitMoment(Moment moment) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            boolean reached = switch (moment) {
                case MID_REBOOT -> cluster.times("node-c", "reboots.log").size() == 1
                        && cluster.times("node-c", "starts.log").isEmpty();
                case AWAITING_REJOIN -> cluster.times("node-c", "starts.log").size() == 1;
                case BETWEEN_NODES -> betweenNodes();
            };
            if (reached) {
                return;
            }
            Thread.sleep(moment == Moment.BETWEEN_NODES ? 2 : 20);
        }
        throw new AssertionError("the run never reached the moment " + moment);
    }

    /**
     * node-a is back and node-c is untouched: node-a's rejoin call has answered (with the cluster
     * whole) and node-c's drain-and-reboot is not scheduled yet; its boot id may be being read.
     * Read from the history, which shows it within milliseconds.
     */
    private boolean betweenNodes() {
        Map<Long, String> scheduled = new LinkedHashMap<>();
        boolean nodeABack = false;
        for (HistoryEvent event : cluster.temporalClient().fetchHistory(TaskQueues.workflowId(cluster.name)).getEvents()) {
            if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
                scheduled.put(event.getEventId(), event.getUserMetadata().getSummary().getData().toStringUtf8());
            } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
                nodeABack |= "\"wait for node-a to rejoin\"".equals(
                        scheduled.get(event.getActivityTaskCompletedEventAttributes().getScheduledEventId()));
            }
        }
        return nodeABack && !scheduled.containsValue("\"drain and reboot node-c\"");
    }
}
