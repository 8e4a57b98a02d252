package org.distreboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.RuntimeBeanDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distreboot.client.Cluster;
import org.distreboot.client.CommandFailure;
import org.distreboot.client.RunView;
import org.distreboot.db.CommandOutput;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.commands.PauseRequest;
import org.distreboot.workflow.commands.ResumeRequest;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every action of the command, in process: the command made by a Micronaut context whose cluster
 * is {@link FakeCluster}, its output and exit code as the operator would see them.
 */
class ActionsTest {
    @TempDir
    Path node;

    private final FakeCluster cluster = new FakeCluster();
    private ApplicationContext context;

    /** What one call printed, and how it exited. */
    record Ran(int exitCode, String out, String err) {
    }

    @BeforeEach
    void startContext() throws IOException {
        Files.writeString(node.resolve("distreboot.properties"), String.join("\n", "cluster=prod", "node=node-a",
                "require-root=false", "rundir=" + node.resolve("run"), "temporal.target=127.0.0.1:1",
                "db.url=jdbc:postgresql://127.0.0.1:1/distreboot", ""));
        context = Main.contextBuilder()
                .beanDefinitions(RuntimeBeanDefinition.builder(Cluster.Connector.class, () -> cluster)
                        .replaces(Cluster.Connector.class).build())
                .start();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private Ran run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "--node=" + node;
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.execute(context, all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Ran(code, out.toString(), err.toString());
    }

    @Test
    void status_showsThisNodeEveryHeartbeatAndTheRun_askedByTheCommandWithNoDaemonUp() {
        cluster.node("node-a", "member").node("node-b", "master");

        Ran status = run();

        assertThat(status.exitCode()).isZero();
        assertThat(status.err()).isEmpty();
        assertThat(status.out()).startsWith("cluster prod, node node-a (" + node.resolve("distreboot.properties") + ")\n"
                + "daemon: not running on this node (start it with distreboot --start)\n"
                + "this node: ");
        assertThat(status.out()).contains("NODE", "node-b", "master", "boot-node-b")
                .endsWith("distributed reboot: none yet\n");
        assertThat(cluster.closed).isEqualTo(1);
    }

    @Test
    void statusJson_isTheReportAnsweredByTheCommand() {
        cluster.node("node-a", "member");

        Ran status = run("--json");

        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).startsWith("{").contains("\"answeredBy\" : \"command\"", "\"node\" : \"node-a\"")
                .doesNotContain("daemon: not running");
    }

    @Test
    void givenPostgresAway_statusSaysWhatThisNodeKnowsThenOneLine_exit3() {
        cluster.failure = CommandFailure.unreachable("PostgreSQL at 127.0.0.1:1 unreachable: connection refused");

        Ran status = run();

        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.out()).startsWith("cluster prod, node node-a").doesNotContain("NODE");
        assertThat(status.err()).isEqualTo("distreboot: PostgreSQL at 127.0.0.1:1 unreachable: connection refused\n");
    }

    @Test
    void dryRun_givesTheOrderMasterLast_andIsRefusedWhileANodeIsStale() {
        cluster.node("node-b", "master").node("node-a", "member").node("node-c", "member");

        Ran ready = run("--dry-run");

        assertThat(ready.exitCode()).isZero();
        assertThat(ready.out()).isEqualTo("""
                a distributed reboot of cluster prod started now would reboot, in order:
                  1. node-a
                  2. node-c
                  3. node-b  (master, last)
                it would start: every node is fresh and ready, and the cluster is in quorum
                """);

        cluster.staleNode("node-d");
        Ran blocked = run("--dry-run");

        assertThat(blocked.exitCode()).isEqualTo(CommandFailure.REFUSED);
        assertThat(blocked.out()).contains("node-d");
        assertThat(cluster.asked).isEmpty();
    }

    @Test
    void reboot_startsTheRunWithWhatThePropertiesSay_orIsRefusedAndStartsNothing() {
        cluster.node("node-b", "master").node("node-a", "member");

        Ran started = run("--reboot");

        assertThat(started.exitCode()).isZero();
        assertThat(started.out()).startsWith("distributed reboot of cluster prod started: node-a -> node-b\n");
        assertThat(cluster.asked).singleElement().isInstanceOfSatisfying(RebootRequest.class,
                request -> assertThat(request.cluster()).isEqualTo("prod"));

        cluster.asked.clear();
        cluster.staleNode("node-c");
        Ran refused = run("--reboot");

        assertThat(refused.exitCode()).isEqualTo(CommandFailure.REFUSED);
        assertThat(refused.err()).startsWith("distreboot: refused: ").contains("node-c");
        assertThat(cluster.asked).isEmpty();
    }

    @Test
    void cancel_isRefusedWithNoRunInProgress_andSentToTheRunThatIs() {
        Ran nothing = run("--cancel");

        assertThat(nothing.exitCode()).isEqualTo(CommandFailure.REFUSED);
        assertThat(nothing.err()).isEqualTo("distreboot: no distributed reboot of cluster prod is in progress:"
                + " nothing to cancel\n");

        cluster.run = new RunView(Phase.RUNNING, null, "the run is starting");
        Ran cancelled = run("--cancel");

        assertThat(cancelled.exitCode()).isZero();
        assertThat(cluster.asked).singleElement().isInstanceOf(CancelRequest.class);
    }

    @Test
    void pauseAndResume_areSentToTheRunInProgress() {
        cluster.run = new RunView(Phase.RUNNING, null, "the run is starting");

        Ran paused = run("--pause");
        Ran resumed = run("--resume");

        assertThat(paused.exitCode()).isZero();
        assertThat(paused.out()).startsWith("pause requested: no further node of cluster prod starts until");
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.out()).isEqualTo("resume requested: the distributed reboot of cluster prod goes on\n");
        assertThat(cluster.asked).hasSize(2).first().isInstanceOf(PauseRequest.class);
        assertThat(cluster.asked.get(1)).isInstanceOf(ResumeRequest.class);
    }

    @Test
    void drop_removesAGoneNodesHeartbeat_refusesALiveOne_andNamesTheKnownOnesForAnUnknownOne() {
        cluster.node("node-a", "member").staleNode("node-d");

        Ran dropped = run("--drop=node-d");
        Ran alive = run("--drop=node-a");
        Ran unknown = run("--drop=node-x");

        assertThat(dropped.exitCode()).isZero();
        assertThat(dropped.out()).isEqualTo("dropped node-d from the heartbeat list of cluster prod\n");
        assertThat(alive.exitCode()).isEqualTo(CommandFailure.REFUSED);
        assertThat(alive.err()).startsWith("distreboot: node-a is alive, as its heartbeat says");
        assertThat(unknown.exitCode()).isEqualTo(CommandFailure.REFUSED);
        assertThat(unknown.err()).contains("node-x", "node-a");
        assertThat(cluster.asked).containsExactly("drop heartbeat node-d");
        assertThat(cluster.asked).noneMatch(DropRequest.class::isInstance);
    }

    @Test
    void watch_exitsAsTheRunEnded_andIsRefusedWithNoRun() {
        Ran none = run("--watch");
        cluster.run = new RunView(Phase.COMPLETED, null, null);
        Ran completed = run("--watch");
        cluster.run = new RunView(Phase.CANCELLED, null, null);
        Ran cancelled = run("--watch");
        cluster.run = new RunView(Phase.FAILED, null, "the workflow ended in Temporal as terminated");
        Ran failed = run("--watch");

        assertThat(none.exitCode()).isEqualTo(CommandFailure.REFUSED);
        assertThat(none.err()).contains("no distributed reboot of cluster prod to watch");
        assertThat(List.of(completed.exitCode(), cancelled.exitCode(), failed.exitCode())).containsExactly(0, 5, 6);
        assertThat(completed.out()).contains("COMPLETED");
    }

    @Test
    void history_saysSoWhenTemporalKnowsNoRun() {
        Ran history = run("--history");

        assertThat(history.exitCode()).isZero();
        assertThat(history.out()).isEqualTo("no distributed reboot of cluster prod is known to Temporal\n");
    }

    @Test
    void log_printsWhatANodesCommandsPrinted_andRefusesANodeNobodyKnows() {
        cluster.node("node-a", "member");
        cluster.outputs.add(new CommandOutput("prod", "node-a", "distreboot-prod", "r1", "DrainAndReboot",
                "boot-node-a", "systemctl stop etcd", 0, false, java.time.Duration.ofMillis(1200),
                "stopped etcd\n", FakeCluster.NOW));

        Ran log = run("--log=node-a");
        Ran unknown = run("--log=node-x");

        assertThat(log.exitCode()).isZero();
        assertThat(log.out()).startsWith("node-a: 1 command run").contains("systemctl stop etcd", "stopped etcd");
        assertThat(unknown.exitCode()).isEqualTo(CommandFailure.REFUSED);
        assertThat(unknown.err()).contains("node-x");
    }

    @Test
    void badInput_isOneLineAndExit2_beforeAnyServiceIsAsked() {
        Ran both = run("--json", "--reboot");
        Ran unknown = run("--frobnicate");

        assertThat(both.exitCode()).isEqualTo(CommandFailure.USAGE);
        assertThat(both.err()).isEqualTo("distreboot: --json goes with the status (no option), --dry-run, --log or"
                + " --history only\n");
        assertThat(unknown.exitCode()).isEqualTo(CommandFailure.USAGE);
        assertThat(unknown.err()).isEqualTo("distreboot: Unknown option: '--frobnicate' (see distreboot --help)\n");
        assertThat(cluster.closed).isZero();
    }
}
