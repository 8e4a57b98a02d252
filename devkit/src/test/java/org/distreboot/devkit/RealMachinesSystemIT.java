package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real machines that really reboot: three Debian virtual machines with distreboot's package
 * installed and its unit enabled, the daemon started by systemd at boot with the package's
 * defaults (rebootcmd=reboot, the kernel's boot id). PostgreSQL and the Temporal server (on
 * PostgreSQL) run on this host, the control host, which starts the run with {@code --reboot}.
 */
class RealMachinesSystemIT {
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    private static final String MASTER = "node-b";
    private static final Duration PATIENCE = Duration.ofMinutes(15);

    private VirtualHosts hosts;
    private E2eCluster cluster;
    private ControlHost controlHost;
    private Process control;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (control != null) {
            control.destroy();
            control.waitFor();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    /**
     * Three machines running etcd (Debian's etcd-server, one member each), the package's etcd recipe
     * as mastercmd, healthcmd and draincmd, and a writer on this host putting a key every 10 ms:
     * each machine rebooted once through systemd, the leader last, one leader change (the drain's
     * hand-off), no acknowledged write lost, never two machines down at once.
     */
    @Test
    void givenThreeMachinesRunningEtcd_aRunRebootsEachOnceThroughSystemd_theLeaderLast_noWriteLost() throws Exception {
        boot("machines", true, Duration.ofMinutes(10), List.of());
        // A daemon's first minute (its JVM, the warm-up replay) takes most of an emulated CPU, which
        // delays etcd's heartbeats: the leader is looked for once that is over.
        for (String node : NODES) {
            hosts.console(node).awaitLine("workflow warmed up in ", PATIENCE);
        }
        Map<String, String> clients = new LinkedHashMap<>();
        NODES.forEach(node -> clients.put(node, "http://" + hosts.address(node) + ":2379"));
        EtcdMembers etcd = EtcdMembers.at(clients);
        String leader = awaitLeader(etcd);
        cluster.awaitReadyWithMaster(leader, PATIENCE);

        QuorumWriter writer = new QuorumWriter(etcd);
        writer.start();
        Instant began;
        Instant completed;
        JsonNode end;
        try {
            Thread.sleep(1000);
            began = Instant.now();
            CliResult reboot = cluster.cli("node-a", "--reboot", "--all");
            assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
            end = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
            completed = Instant.now();
            Thread.sleep(1000);
        } finally {
            writer.stop();
        }

        List<String> done = E2eCluster.stream(end.path("reboot").path("done")).map(JsonNode::asText).toList();
        assertThat(done).as("each machine once, the leader last").containsExactlyInAnyOrderElementsOf(NODES)
                .last().isEqualTo(leader);
        Map<String, VmTurn> turns = new LinkedHashMap<>();
        Map<String, Long> downtime = new LinkedHashMap<>();
        for (String node : NODES) {
            VmConsole console = hosts.console(node);
            List<String> boots = console.boots();
            assertThat(boots).as("%s's kernel boot id changed exactly once", node).hasSize(2).doesNotHaveDuplicates();
            VmTurn turn = VmTurn.of(node, console);
            turns.put(node, turn);
            downtime.put(node, turn.ownReboot().toMillis());
            List<String> lines = lines(node);
            int stopped = indexOf(lines, "Stopped distreboot.service");
            assertThat(stopped).as("%s: the unit's stop is in the journal before the machine goes down", node)
                    .isBetween(0, indexOf(lines, "VM-DOWN boot_id=" + boots.get(0)));
            assertThat(lines).as("%s: systemd started the daemon again at boot, on the new boot id", node)
                    .anyMatch(l -> l.contains("starting on node " + node) && l.contains("(boot " + boots.get(1) + ")"));
            assertThat(lines.stream().filter(l -> l.matches(".*distreboot\\[\\d+]: .*")))
                    .as("%s: the daemon's journal lines, no stack trace among them", node).isNotEmpty()
                    .noneMatch(l -> l.matches(".*distreboot\\[\\d+]:\\s+at .*") || l.contains("Caused by:")
                            || l.matches(".*distreboot\\[\\d+]: [\\w.$]+(Exception|Error)\\b.*"));
        }
        List<VmTurn> byShutdown = turns.values().stream().sorted(Comparator.comparing(VmTurn::down)).toList();
        for (int i = 1; i < byShutdown.size(); i++) {
            assertThat(byShutdown.get(i).down()).as("a machine goes down only once the one before is back")
                    .isAfter(byShutdown.get(i - 1).up());
        }
        List<Integer> lost = etcd.missing(writer.acknowledged());
        long rebootOfLeader = turns.get(leader).rebootcmd().toEpochMilli();
        RollingRestart.Result result = new RollingRestart.Result("etcd-vms", true, leader, done, writer.leaders(),
                writer.acknowledged().size(), writer.failedAttempts(), writer.givenUp(), lost,
                writer.longestGapMillis(), Duration.between(began, completed), downtime,
                writer.firstLeaderChangeAt() > 0 && writer.firstLeaderChangeAt() < rebootOfLeader);
        System.out.println(result.line());
        assertThat(lost).as("no acknowledged write lost").isEmpty();
        assertThat(result.leaderChanges()).as("one leader change: the drain's hand-off (%s)", writer.leaders())
                .isEqualTo(1);
        figures(done.stream().map(turns::get).toList(), began, completed);
        cluster.saveHistory("vm-etcd");
        assertThat(cluster.workflowTasksTimedOut()).as("no workflow task lost with a machine going down").isEmpty();
    }

    /**
     * Per machine, where its turn's time goes (its own reboot one of the phases); between turns,
     * the hand-over from one machine rejoined to the next one's drain; and the run's total.
     */
    private void figures(List<VmTurn> turns, Instant began, Instant completed) {
        System.out.println("console files under " + hosts.console(NODES.get(0)).file().getParent().getParent());
        String previous = "--reboot";
        Instant previousAt = began;
        for (VmTurn turn : turns) {
            System.out.printf("  %s -> %s's drain: %.1f s%n", previous, turn.node(),
                    Duration.between(previousAt, turn.draining()).toMillis() / 1000.0);
            System.out.println(turn.line());
            previous = turn.node() + " rejoined";
            previousAt = turn.rejoined();
        }
        System.out.printf("  %s -> COMPLETED seen by the control host: %.1f s%n", previous,
                Duration.between(previousAt, completed).toMillis() / 1000.0);
        System.out.printf("the run: %.1f s from --reboot to COMPLETED seen by the control host%n",
                Duration.between(began, completed).toMillis() / 1000.0);
    }

    private static String awaitLeader(EtcdMembers etcd) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            var leader = etcd.leader();
            if (leader.isPresent()) {
                return leader.get();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the machines' etcd elected no leader within " + PATIENCE);
    }

    /**
     * Power cuts: node-a's machine while it drains (its turn) and node-c's (not in turn) at the same
     * moment; node-a's power back, the run goes on, and its next turn waits for node-c; node-c's back,
     * and its machine cut again while it reboots. No machine is rebooted twice, none while another is
     * away, the master last.
     */
    @Test
    void givenPowerCutsWhileDrainingAndWhileRebooting_theRunWaits_rebootsNothingTwice_andCompletes() throws Exception {
        boot("power-cuts", false, Duration.ofMinutes(10), List.of(), "draincmd=sleep 20");
        CliResult reboot = cluster.cli("node-a", "--reboot", "--all");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();

        hosts.console("node-a").awaitLine("draining node-a", PATIENCE);
        hosts.powerCut("node-a");
        hosts.powerCut("node-c");
        Thread.sleep(5_000);
        hosts.start("node-a");
        hosts.console("node-a").awaitBoots(2, PATIENCE);
        cluster.awaitStatus(s -> s.path("reboot").path("waitingFor").asText().startsWith("node-c"), PATIENCE);
        Thread.sleep(30_000);
        assertThat(hosts.console("node-b").boots()).as("the master waits while node-c is away").hasSize(1);

        hosts.start("node-c");
        hosts.console("node-c").awaitBoots(2, PATIENCE);
        hosts.console("node-c").awaitLine("rebooting node-c", PATIENCE);
        hosts.console("node-c").awaitShutdown(PATIENCE);
        hosts.powerCut("node-c");
        hosts.start("node-c");
        JsonNode end = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);

        assertThat(E2eCluster.stream(end.path("reboot").path("done")).map(JsonNode::asText).toList()).last()
                .isEqualTo(MASTER);
        assertThat(rebootcmds("node-a")).as("node-a's power cut was its reboot: rebootcmd never ran").isZero();
        assertThat(lines("node-a")).anyMatch(l -> l.contains("already rebooted; nothing to drain")
                || l.contains("already runs boot"));
        assertThat(rebootcmds("node-c")).as("node-c rebooted once, by its turn, its power cut mid-reboot").isEqualTo(1);
        assertThat(rebootcmds(MASTER)).isEqualTo(1);
        assertThat(hosts.console(MASTER).boots()).hasSize(2);
        // A machine whose power is cut keeps its polls on the server until the server finds the
        // connection dead: a workflow task handed to one is lost until its timeout. Counted, not asserted.
        System.out.println("workflow tasks timed out: " + cluster.workflowTasksTimedOut());
    }

    /**
     * A machine that never returns: the run stalls after reboot.timeout, saying why; --drop lets it
     * complete. node-c runs no daemon: a control host's daemon on this host serves it over ssh, in
     * the same run as node-a's and node-b's daemons, and reboots it through systemd with the
     * package's defaults (rebootcmd, bootidfile) run and read on it.
     */
    @Test
    void givenAMachineThatNeverReturns_theRunStalls_andDroppingItCompletesTheRun_oneMachineServedOverSsh()
            throws Exception {
        boot("never-returns", false, Duration.ofMinutes(2), List.of("node-c"));
        CliResult reboot = cluster.cli("node-a", "--reboot", "--all");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        hosts.console("node-a").awaitShutdown(PATIENCE);
        hosts.powerCut("node-a");

        JsonNode stalled = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("STALLED"), PATIENCE);
        assertThat(stalled.path("reboot").path("reason").asText()).as("the stall says why, after reboot.timeout")
                .contains("node-a is not back after 2m");
        System.out.println("stalled: " + stalled.path("reboot").path("reason").asText() + "; waiting for "
                + stalled.path("reboot").path("waitingFor").asText());
        assertThat(hosts.console("node-c").boots()).as("nothing else rebooted").hasSize(1);
        CliResult drop = cluster.cli("node-b", "--drop=node-a");
        assertThat(drop.exitCode()).as(drop.toString()).isZero();
        JsonNode end = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        assertThat(E2eCluster.stream(end.path("reboot").path("done")).map(JsonNode::asText).toList())
                .containsExactly("node-c", MASTER);
        assertThat(cluster.workflowTasksTimedOut()).as("no workflow task lost with a machine going down").isEmpty();

        hosts.console("node-c").awaitBoots(2, Duration.ofSeconds(10));
        List<String> boots = hosts.console("node-c").boots();
        assertThat(boots).as("node-c's kernel boot id changed exactly once, over ssh").hasSize(2).doesNotHaveDuplicates();
        assertThat(lines("node-c")).as("node-c ran no daemon").noneMatch(l -> l.matches(".*distreboot\\[\\d+]: .*"));
        String control = Files.readString(controlHost.dir().resolve("daemon.log"));
        assertThat(control).as("the control daemon's log").contains("rebooting node-c (boot " + boots.get(0) + ")")
                .doesNotContain("Exception", "\tat ");
        VmConsole.Mark down = hosts.console("node-c").marks().stream().filter(m -> !m.up()).findFirst().orElseThrow();
        VmConsole.Mark up = hosts.console("node-c").marks().stream().filter(m -> m.up() && m.bootId().equals(boots.get(1)))
                .findFirst().orElseThrow();
        VmConsole.Mark masterDown = hosts.console(MASTER).marks().stream().filter(m -> !m.up()).findFirst().orElseThrow();
        assertThat(masterDown.seen()).as("the master goes down only once node-c is back").isAfter(up.seen());
        System.out.printf("node-c over ssh: its own reboot %.1f s (down to up), the master's shutdown %.1f s after%n",
                Duration.between(down.seen(), up.seen()).toMillis() / 1000.0,
                Duration.between(up.seen(), masterDown.seen()).toMillis() / 1000.0);
    }

    /** How many times {@code node}'s daemon ran its rebootcmd, as its journal says. */
    private long rebootcmds(String node) {
        return lines(node).stream().filter(l -> l.contains("rebooting " + node + " (boot ")).count();
    }

    private List<String> lines(String node) {
        return hosts.console(node).lines().stream().map(VmConsole.Line::text).toList();
    }

    /**
     * PostgreSQL and Temporal on this host, the three machines booted and their daemons heard from;
     * with {@code etcd}, each machine an etcd member and the package's etcd recipe its commands,
     * else node-b the master (a file says so). The machines of {@code overSsh} run no daemon: a
     * control host's daemon on this host serves them over ssh. The control host, which starts the
     * run, and the machines have the same {@code reboot.timeout}.
     */
    private void boot(String name, boolean etcd, Duration rebootTimeout, List<String> overSsh, String... properties)
            throws Exception {
        services(name, rebootTimeout);
        Map<String, String> hostKeys = new LinkedHashMap<>();
        if (!overSsh.isEmpty()) {
            controlHost = ControlHost.create(cluster.base.resolve("control"));
        }
        for (String node : NODES) {
            Map<String, String> files = new LinkedHashMap<>();
            if (overSsh.contains(node)) {
                files.putAll(servedOverSsh(node, hostKeys));
            } else {
                files.put("distreboot.properties", properties(name, node, etcd, rebootTimeout, properties));
            }
            if (etcd) {
                files.put("etcd-member", "");
                files.put("default/etcd", etcdMember(name, node));
            } else if (node.equals(MASTER)) {
                files.put("distreboot-master", "this machine is the cluster's master\n");
            }
            hosts.seed(node, files);
        }
        hosts.startAll();
        if (!overSsh.isEmpty()) {
            controlHost.trust(hostKeys);
            controlHost.writeProperties(cluster.dir("node-a").resolve("distreboot.properties"),
                    Set.of("rebootcmd", "draincmd", "bootidfile", "machineidfile", "sentinel"), Map.of(
                            "node", "control",
                            "ssh.nodes", String.join(",", overSsh.stream().map(n -> n + "=" + hosts.address(n)).toList()),
                            "ssh.target", "root@{}",
                            "mastercmd", "test -f /etc/distreboot-master",
                            // Back once booted (its VM-READY said): without, sshd answers before multi-user.
                            "healthcmd", "systemctl is-active --quiet vm-ready.service",
                            "heartbeat.interval", "5s",
                            "heartbeat.ttl", "30s"));
            control = cluster.startDaemonIn(controlHost.dir());
        }
        // Fresh, and not unready (a node without healthcmd says nothing of it).
        cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes")).filter(n -> !n.path("stale").asBoolean()
                && !n.path("ready").asText().equals("false")).count() == NODES.size(), PATIENCE);
    }

    /** A machine's properties, for its daemon. */
    private String properties(String name, String node, boolean etcd, Duration rebootTimeout, String... properties) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("cluster", name);
        values.put("node", node);
        values.put("temporal.target", cluster.temporal().target());
        values.put("db.url", cluster.postgres().jdbcUrl("distreboot"));
        values.put("db.user", cluster.postgres().user());
        values.put("mastercmd", "test -f /etc/distreboot-master");
        values.put("reboot.timeout", rebootTimeout.toMinutes() + "m");
        if (etcd) {
            for (String command : List.of("mastercmd", "healthcmd", "draincmd")) {
                values.put(command, "/usr/share/distreboot/recipes/etcd/" + command + " http://"
                        + hosts.address(node) + ":2379");
            }
        }
        for (String property : properties) {
            values.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /**
     * The seed of a machine served over ssh: no daemon (the unit does not start), a host key of
     * its own (the image's is every machine's) that the control host trusts, the control host's
     * key authorized for root.
     */
    private Map<String, String> servedOverSsh(String node, Map<String, String> hostKeys) throws Exception {
        Path hostKey = cluster.base.resolve(node + "-host-key");
        hostKeys.put(hosts.address(node), ControlHost.hostKey(hostKey, node));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("distreboot-without-daemon", "this machine is served over ssh: the unit does not start\n");
        files.put("ssh/ssh_host_ed25519_key", Files.readString(hostKey));
        files.put("ssh/ssh_host_ed25519_key.pub", Files.readString(Path.of(hostKey + ".pub")));
        files.put("ssh/authorized_keys/root", controlHost.publicKey());
        files.put("ssh/sshd_config.d/control-host.conf", "HostKey /etc/ssh/ssh_host_ed25519_key\n"
                + "AuthorizedKeysFile /etc/ssh/authorized_keys/%u\nPermitRootLogin prohibit-password\n"
                + "PasswordAuthentication no\n");
        return files;
    }

    /** The machines made (none started), PostgreSQL and the Temporal server (on PostgreSQL) up on this host. */
    private void services(String name, Duration rebootTimeout) throws Exception {
        TemporalSqlServer.Binaries binaries = SystemTools.temporalServer();
        VmImage image = VmImage.with(deb());
        hosts = VirtualHosts.create(image, NODES);
        cluster = E2eCluster.prepare(name, LocalCluster.Options.defaults().withNodes(NODES.size())
                        .withRebootTimeout(rebootTimeout),
                TemporalSqlServer.factory(binaries, E2eCluster.checkout("docker/temporal"), null), hosts);
        cluster.startServices();
    }

    /**
     * Debian's etcd service as one member of the machines' cluster. Its heartbeat and election
     * timeouts are long: under software emulation a busy guest answers late, and shorter ones held
     * elections no failure called for (with 300 ms and 3 s, one moved the leadership between the
     * test's look and the run in a CI run). A reboot does not wait for them: the recipe's drain
     * hands leadership over, and a follower's reboot needs no election.
     */
    private String etcdMember(String name, String node) {
        List<String> initial = NODES.stream().map(n -> n + "=http://" + hosts.address(n) + ":2380").toList();
        String address = hosts.address(node);
        return String.join("\n",
                "ETCD_NAME=" + node,
                "ETCD_DATA_DIR=/var/lib/etcd/default",
                "ETCD_LISTEN_PEER_URLS=http://" + address + ":2380",
                "ETCD_LISTEN_CLIENT_URLS=http://" + address + ":2379,http://127.0.0.1:2379",
                "ETCD_INITIAL_ADVERTISE_PEER_URLS=http://" + address + ":2380",
                "ETCD_ADVERTISE_CLIENT_URLS=http://" + address + ":2379",
                "ETCD_INITIAL_CLUSTER=" + String.join(",", initial),
                "ETCD_INITIAL_CLUSTER_STATE=new",
                "ETCD_INITIAL_CLUSTER_TOKEN=" + name,
                "ETCD_HEARTBEAT_INTERVAL=500",
                "ETCD_ELECTION_TIMEOUT=10000",
                "");
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** The package the build made (./mvnw package). */
    private static Path deb() throws Exception {
        try (Stream<Path> files = Files.list(E2eCluster.checkout("cli/target"))) {
            return files.filter(f -> f.getFileName().toString().matches("distreboot_.*_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no distreboot_*_all.deb in cli/target: ./mvnw package"));
        }
    }
}
