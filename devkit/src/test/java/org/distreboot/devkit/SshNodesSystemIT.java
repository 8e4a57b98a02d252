package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes without a daemon, served over ssh by a control host's daemon: each node a host of its own
 * (a network namespace) running Debian's sshd and nothing else, whose reboot over ssh takes sshd
 * down, changes the boot id and brings sshd back. PostgreSQL and the Temporal server (on
 * PostgreSQL) listen on the bridge. A full run with the control daemon killed -9 mid-reboot; a host whose sshd never
 * returns; a changed host key; two nodes with daemons and two served over ssh in one cluster.
 */
class SshNodesSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final LocalCluster.Options OPTIONS = LocalCluster.Options.defaults().withNodes(3)
            .withHeartbeat(Duration.ofSeconds(2)).withRebootDelay(Duration.ofSeconds(2));

    private NetworkHosts network;
    private E2eCluster cluster;
    private SshHosts ssh;
    private final List<Process> controls = new ArrayList<>();

    @AfterEach
    void tearDown() {
        controls.forEach(Process::destroyForcibly);
        if (ssh != null) {
            ssh.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (network != null) {
            network.close();
        }
    }

    /** The cluster's services on the bridge, sshd on each of {@code overSsh}'s hosts; no daemon yet. */
    private void prepare(String name, LocalCluster.Options options, List<String> overSsh) throws Exception {
        TemporalSqlServer.Binaries binaries = SystemTools.temporalServer();
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < options.nodes(); i++) {
            nodes.add("node-" + (char) ('a' + i));
        }
        network = NetworkHosts.create(nodes);
        cluster = E2eCluster.prepare(name, options,
                TemporalSqlServer.factory(binaries, E2eCluster.checkout("docker/temporal"), null), network);
        cluster.startServices();
        ssh = SshHosts.start(cluster, network, overSsh, options.rebootDelay());
    }

    private Process startControl() throws Exception {
        Process control = cluster.startDaemonIn(ssh.control());
        controls.add(control);
        return control;
    }

    /** Waits until each of {@code nodes} has a fresh heartbeat. */
    private JsonNode awaitFresh(List<String> nodes) throws Exception {
        return cluster.awaitStatus(s -> nodes.stream().allMatch(node -> E2eCluster.stream(s.path("nodes"))
                .anyMatch(n -> n.path("node").asText().equals(node) && !n.path("stale").asBoolean()
                        && n.path("ready").asBoolean())), PATIENCE);
    }

    @Test
    void givenHostsWithoutADaemon_aControlHostRebootsEachOnceOverSsh_theMasterLast_evenKilledMidReboot()
            throws Exception {
        prepare("ssh-hosts", OPTIONS, List.of("node-a", "node-b", "node-c"));
        Process control = startControl();
        JsonNode fresh = awaitFresh(cluster.nodes);
        assertThat(E2eCluster.stream(fresh.path("nodes")).collect(Collectors.toMap(n -> n.path("node").asText(),
                n -> n.path("servedBy").asText()))).as("status says who serves each node")
                .isEqualTo(Map.of("node-a", "control", "node-b", "control", "node-c", "control"));
        CliResult status = cluster.cli(List.of("--node=" + ssh.control()));
        assertThat(status.out()).as(status.toString()).contains("this host: serves node-a, node-b, node-c over ssh",
                "over ssh from control");
        CliResult dryRun = cluster.cli("node-a", "--dry-run");
        assertThat(dryRun.out()).as(dryRun.toString()).contains("1. node-a  (over ssh from control)",
                "3. node-b  (master, last, over ssh from control)");

        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        cluster.awaitFile("node-a", "reboots.log", PATIENCE);
        control.destroyForcibly().waitFor();
        System.out.println("control daemon killed -9 as node-a reboots; started again");
        startControl();

        JsonNode end = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        List<String> order = List.of("node-a", "node-c", "node-b");
        assertThat(E2eCluster.stream(end.path("reboot").path("done")).map(JsonNode::asText)).containsExactlyElementsOf(order);
        assertThat(cluster.rebootOrder()).as("each host rebooted once over ssh, the master node-b last").isEqualTo(order);
        for (String node : cluster.nodes) {
            assertThat(cluster.times(node, "starts.log")).as("%s booted once", node).hasSize(1);
            assertThat(cluster.bootId(node)).as("%s's boot id changed", node).isNotEqualTo(node + "-first-boot");
        }
        figures(order, "over ssh");
        String log = Files.readString(ssh.control().resolve("daemon.log"));
        assertThat(log).as("the control daemon's log").contains("starting on control host control of cluster ssh-hosts:"
                + " serving node-a, node-b, node-c over ssh", "polling the queues of node-a, node-b, node-c (over ssh)")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void givenAHostWhoseSshdNeverReturns_theRunStalls_rebootingNothingElse_andDropLetsItComplete() throws Exception {
        prepare("ssh-never", OPTIONS.withRebootTimeout(Duration.ofSeconds(20)), List.of("node-a", "node-b", "node-c"));
        Files.writeString(cluster.dir("node-a").resolve("never-returns"), "");
        startControl();
        awaitFresh(cluster.nodes);

        CliResult reboot = cluster.cli("node-b", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        JsonNode stalled = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("STALLED"), PATIENCE);
        System.out.println("node-a's sshd never returns: " + stalled.path("reboot").path("reason").asText());
        assertThat(stalled.path("reboot").path("reason").asText()).contains("node-a");
        assertThat(cluster.rebootOrder()).as("nothing else rebooted").containsExactly("node-a");

        CliResult drop = cluster.cli("node-b", "--drop=node-a");
        assertThat(drop.exitCode()).as(drop.toString()).isZero();
        JsonNode end = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        assertThat(E2eCluster.stream(end.path("reboot").path("dropped")).map(JsonNode::asText)).containsExactly("node-a");
        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-c", "node-b");
    }

    @Test
    void givenAHostWhoseKeyChanged_itIsRefused_inOneLineNamingIt_andNoRunStarts() throws Exception {
        prepare("ssh-key", OPTIONS, List.of("node-a", "node-b", "node-c"));
        startControl();
        awaitFresh(cluster.nodes);

        ssh.changeHostKey("node-c");
        String said = "node-c: ssh to root@" + network.address("node-c") + " refused: its host key changed (not the one in "
                + ssh.control().resolve("ssh_known_hosts") + ")";
        String log = cluster.awaitDaemonLogIn(ssh.control(), said);
        assertThat(log.lines().filter(line -> line.contains(said))).as("said once, not on every beat").hasSize(1)
                .allMatch(line -> line.contains("WARN  NodeBeat - heartbeat of node-c not posted: "));
        cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes"))
                .anyMatch(n -> n.path("node").asText().equals("node-c") && n.path("stale").asBoolean()), PATIENCE);

        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isEqualTo(1);
        assertThat(reboot.err()).contains("node-c");
        assertThat(cluster.rebootOrder()).as("nothing rebooted").isEmpty();
    }

    @Test
    void givenTwoNodesWithDaemonsAndTwoServedOverSsh_oneRunRebootsTheFour_theMasterOverSshLast() throws Exception {
        prepare("ssh-mixed", OPTIONS.withNodes(4).withMaster("node-c"), List.of("node-c", "node-d"));
        cluster.startDaemon("node-a");
        cluster.startDaemon("node-b");
        startControl();
        JsonNode fresh = awaitFresh(cluster.nodes);
        assertThat(E2eCluster.stream(fresh.path("nodes")).filter(n -> !n.path("servedBy").isNull())
                .map(n -> n.path("node").asText() + " by " + n.path("servedBy").asText()))
                .containsExactly("node-c by control", "node-d by control");

        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        JsonNode end = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        List<String> order = List.of("node-a", "node-b", "node-d", "node-c");
        assertThat(E2eCluster.stream(end.path("reboot").path("done")).map(JsonNode::asText)).containsExactlyElementsOf(order);
        assertThat(cluster.rebootOrder()).as("each node once, by its daemon or over ssh, the master last").isEqualTo(order);
        for (String node : cluster.nodes) {
            assertThat(cluster.times(node, "starts.log")).as("%s booted once", node).hasSize(1);
        }
        figures(order, "node-a and node-b by their daemons, node-c and node-d over ssh");
    }

    /**
     * Per node, in the run's order: its host's own reboot (rebootcmd to sshd, or the daemon, back)
     * and what the run took beyond it (the rejoin, the next node's drain, up to its rebootcmd).
     */
    private void figures(List<String> order, String how) throws Exception {
        System.out.println("figures, " + how + ":");
        for (int i = 0; i < order.size(); i++) {
            String node = order.get(i);
            long rebooted = cluster.times(node, "reboots.log").get(0);
            long back = cluster.times(node, "starts.log").get(0);
            String next = i + 1 < order.size() ? String.format(", %s's rebootcmd %.1f s after that", order.get(i + 1),
                    (cluster.times(order.get(i + 1), "reboots.log").get(0) - back) / 1000.0) : "";
            System.out.printf("  %s: its own reboot %.1f s (rebootcmd to back)%s%n", node, (back - rebooted) / 1000.0,
                    next);
        }
    }
}
