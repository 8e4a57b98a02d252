package org.distreboot.devkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Hosts without a distreboot daemon, each running Debian's sshd and nothing else, on the
 * network-namespace hosts of a local cluster: a control host serves them over ssh. Each host's
 * sshd runs in a mount namespace of its own where the node's directory is mounted at one path
 * ({@link #mount}), so that bootidfile, machineidfile and the commands of the control host's
 * properties name the same files on every host and find each host's own, as on real machines.
 * Its "reboot" (ssh-host-reboot.sh, run by rebootcmd over ssh) takes sshd down, changes the boot
 * id and brings sshd back after a delay. The control host has a key only it may read and a
 * known-hosts file with each host's key.
 */
final class SshHosts implements AutoCloseable {
    static final String SSHD = "/usr/sbin/sshd";

    private final LocalCluster cluster;
    private final NetworkHosts network;
    private final Path mount;
    private final Path home;
    private final ControlHost control;
    private final Map<String, Process> sshds = new LinkedHashMap<>();

    private SshHosts(LocalCluster cluster, NetworkHosts network, Path mount, Path home, ControlHost control) {
        this.cluster = cluster;
        this.network = network;
        this.mount = mount;
        this.home = home;
        this.control = control;
    }

    /**
     * sshd on each of {@code nodes}' hosts, and a control host's directory (its key, its known
     * hosts, its properties: the cluster's, serving {@code nodes} over ssh), its daemon not started.
     */
    static SshHosts start(LocalCluster cluster, NetworkHosts network, List<String> nodes, Duration rebootDelay)
            throws Exception {
        if (!Files.isExecutable(Path.of(SSHD))) {
            throw new AssertionError(SSHD + " is not installed: apt-get install openssh-server"
                    + " (the system suite, -Psystem, needs it; .ci/run installs it)");
        }
        Path mount = Files.createDirectories(cluster.base.resolve("ssh-host"));
        ControlHost control = ControlHost.create(cluster.base.resolve("control"));
        Path home = Files.createDirectories(cluster.base.resolve("ssh-root-home"));
        SshHosts hosts = new SshHosts(cluster, network, mount, home, control);
        try {
            Files.createDirectories(Path.of("/run/sshd"));
            Path script = control.dir().resolve("ssh-host-reboot.sh");
            try (InputStream in = SshHosts.class.getResourceAsStream("/ssh/ssh-host-reboot.sh")) {
                Files.write(script, in.readAllBytes());
            }
            Map<String, String> keys = new LinkedHashMap<>();
            for (String node : nodes) {
                keys.put(network.address(node), hosts.prepareHost(node));
            }
            control.trust(keys);
            hosts.writeControlProperties(nodes, script, rebootDelay);
            for (String node : nodes) {
                hosts.startSshd(node);
            }
            for (String node : nodes) {
                hosts.awaitSshd(node);
            }
        } catch (Exception | AssertionError e) {
            hosts.close();
            throw e;
        }
        return hosts;
    }

    /** The control host's directory: its daemon starts with {@code --node=} it. */
    Path control() {
        return control.dir();
    }

    /** {@code node}'s host: its sshd's host key, its authorized key, its name; returns its public host key. */
    private String prepareHost(String node) throws Exception {
        Path dir = cluster.dir(node);
        String hostKey = ControlHost.hostKey(dir.resolve("ssh_host_ed25519_key"), node);
        Files.writeString(dir.resolve("authorized_keys"), control.publicKey());
        Files.writeString(dir.resolve("name"), node + "\n");
        String successor = cluster.nodes.stream().filter(other -> !other.equals(node)).findFirst().orElse(node);
        Files.writeString(dir.resolve("successor"), successor + "\n");
        Files.write(dir.resolve("sshd_config"), List.of(
                "ListenAddress " + network.address(node) + ":22",
                "HostKey " + mount.resolve("ssh_host_ed25519_key"),
                "AuthorizedKeysFile " + mount.resolve("authorized_keys"),
                "PidFile none",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "LogLevel ERROR"));
        return hostKey;
    }

    /** Gives {@code node}'s host a new host key: its sshd, started again, is no longer the one the control host knows. */
    void changeHostKey(String node) throws Exception {
        stopSshd(node);
        ControlHost.hostKey(cluster.dir(node).resolve("ssh_host_ed25519_key"), node + "-new");
        startSshd(node);
        awaitSshd(node);
    }

    private void writeControlProperties(List<String> nodes, Path script, Duration rebootDelay) throws IOException {
        Path master = cluster.base.resolve("master");
        String self = "\"$(cat " + mount.resolve("name") + ")\"";
        Map<String, String> set = new LinkedHashMap<>();
        set.put("node", "control");
        set.put("ssh.nodes", String.join(",", nodes.stream().map(n -> n + "=" + network.address(n)).toList()));
        set.put("ssh.target", "root@{}");
        set.put("ssh.timeout", "5s");
        set.put("bootidfile", mount.resolve("boot_id").toString());
        set.put("machineidfile", mount.resolve("machine-id").toString());
        set.put("sentinel", mount.resolve("reboot-required").toString());
        set.put("rebootcmd", "setsid sh " + script + " " + mount + " " + rebootDelay.toMillis() / 1000.0
                + " > /dev/null 2>&1 < /dev/null &");
        set.put("mastercmd", "grep -qx " + self + " " + master);
        set.put("draincmd", "if grep -qx " + self + " " + master + "; then cat " + mount.resolve("successor") + " > "
                + master + "; fi");
        set.put("healthcmd", "test ! -f " + mount.resolve("unhealthy"));
        control.writeProperties(cluster.dir(cluster.nodes.get(0)).resolve("distreboot.properties"), Set.of(), set);
    }

    /**
     * {@code node}'s sshd, on its host, in a mount namespace where the node's directory is at
     * {@link #mount} and root's home is empty: a session's bash reads root's ~/.bashrc, and this
     * machine's (a Python version manager's hooks) is no host's under test.
     */
    void startSshd(String node) throws IOException {
        Path dir = cluster.dir(node);
        List<String> command = new ArrayList<>(network.on(node));
        command.addAll(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind " + dir + " " + mount + " && mount --bind " + home + " /root && exec " + SSHD + " -D -e -f "
                        + mount.resolve("sshd_config")));
        sshds.put(node, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile())).start());
    }

    /** Stops {@code node}'s sshd and every session (and its reboot, if one is under way): the host is off. */
    void stopSshd(String node) throws IOException, InterruptedException {
        network.killAll(node);
        Process sshd = sshds.remove(node);
        if (sshd != null) {
            sshd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until {@code node}'s sshd takes connections. */
    private void awaitSshd(String node) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(network.address(node), 22), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(node + "'s sshd does not answer; its log: "
                + LogTail.of(cluster.dir(node).resolve("sshd.log"), 5));
    }

    /** Every sshd, session and reboot under way on these hosts, gone. */
    @Override
    public void close() {
        for (String node : List.copyOf(sshds.keySet())) {
            try {
                stopSshd(node);
            } catch (IOException | InterruptedException e) {
                // the namespace goes with the network hosts anyway
            }
        }
        for (String node : cluster.nodes) {
            try {
                network.killAll(node);
            } catch (IOException | InterruptedException | RuntimeException e) {
                // not one of the network's hosts, or already gone
            }
        }
    }
}
