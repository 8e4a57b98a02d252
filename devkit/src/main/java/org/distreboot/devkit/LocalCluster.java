package org.distreboot.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.Database;
import org.distreboot.db.HeartbeatStore;
import org.distreboot.workflow.TaskQueues;

/**
 * A whole cluster on this machine, for --demo and the end-to-end tests: a Temporal service (the
 * test server in a JVM of its own, or the real dev server of the temporal CLI), an embedded
 * PostgreSQL, and one daemon process per node, each with its own
 * --node directory, rundir and boot id file. A node's rebootcmd simulates a host reboot
 * (simulated-reboot.sh); its draincmd hands mastership over, as a cluster's shutdown script would.
 * {@link #close()} ends every process it started and deletes every file it made.
 */
public class LocalCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final String name;
    public final Path base;
    public final List<String> nodes;
    private final Path launcher;
    private final TemporalService temporal;
    private final LocalPostgres postgres;
    private final Hosts hosts;
    private HeartbeatStore store;
    private final Map<String, Path> dirs = new LinkedHashMap<>();
    private final Map<String, Process> daemons = new LinkedHashMap<>();
    private final List<Process> started = new ArrayList<>();
    private WorkflowServiceStubs stubs;

    /**
     * @param distreboot how to run the distreboot command (a launcher, or java -jar distreboot.jar)
     * @param temporal   the Temporal service to run
     * @param hosts      where the services listen and the daemons run
     */
    public record Launch(List<String> distreboot, TemporalFactory temporal, Hosts hosts) {
        /**
         * On this host, with the dev server of {@code temporalCli}, or with the test server (its
         * classes on {@code temporalClasspath}) when that is null.
         */
        public Launch(List<String> distreboot, String temporalClasspath, Path temporalCli) {
            this(distreboot, TemporalFactory.devServerOr(temporalCli, temporalClasspath), Hosts.loopback());
        }
    }

    public record Options(int nodes, String master, Duration rebootDelay, Duration rebootTimeout,
                          Duration heartbeatInterval, Duration heartbeatTtl, String temporalUi) {
        public static Options defaults() {
            // A TTL of five beats: several JVMs starting at once on a small machine can delay a beat.
            return new Options(3, "node-b", Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(1),
                    Duration.ofSeconds(5), null);
        }

        public Options withTemporalUi(String address) {
            return new Options(nodes, master, rebootDelay, rebootTimeout, heartbeatInterval, heartbeatTtl, address);
        }

        public Options withNodes(int count) {
            return new Options(count, master, rebootDelay, rebootTimeout, heartbeatInterval, heartbeatTtl, temporalUi);
        }

        public Options withMaster(String node) {
            return new Options(nodes, node, rebootDelay, rebootTimeout, heartbeatInterval, heartbeatTtl, temporalUi);
        }

        public Options withRebootTimeout(Duration timeout) {
            return new Options(nodes, master, rebootDelay, timeout, heartbeatInterval, heartbeatTtl, temporalUi);
        }

        public Options withRebootDelay(Duration delay) {
            return new Options(nodes, master, delay, rebootTimeout, heartbeatInterval, heartbeatTtl, temporalUi);
        }

        /** A beat every {@code interval} (also how long mastercmd and healthcmd may take), a TTL of five. */
        public Options withHeartbeat(Duration interval) {
            return new Options(nodes, master, rebootDelay, rebootTimeout, interval, interval.multipliedBy(5), temporalUi);
        }
    }

    /** Writes each node's directory for services on ports of their own; nothing runs yet. */
    protected LocalCluster(String name, Options options, Launch launch) throws Exception {
        this.name = name;
        this.base = Files.createTempDirectory("distreboot-local-");
        this.hosts = launch.hosts();
        this.postgres = LocalPostgres.at(base.resolve("postgres"), hosts.servicesAddress(), TemporalTestServer.freePort());
        this.temporal = launch.temporal().make(base, hosts.servicesAddress(), postgres);
        String ui = options.temporalUi() != null ? options.temporalUi() : temporal.ui().orElse(null);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < options.nodes(); i++) {
            names.add("node-" + (char) ('a' + i));
        }
        this.nodes = List.copyOf(names);
        this.launcher = NodeLauncher.write(base.resolve("distreboot"), launch.distreboot());
        Path script = copyResource("simulated-reboot.sh");
        Path master = base.resolve("master");
        Files.writeString(master, options.master() + "\n");
        for (String node : nodes) {
            Path dir = Files.createDirectories(base.resolve(node));
            dirs.put(node, dir);
            Files.writeString(dir.resolve("boot_id"), node + "-first-boot\n");
            Files.writeString(dir.resolve("machine-id"), "machine-of-" + node + "\n");
            Files.writeString(dir.resolve("reboot-required"), "*** System restart required ***\n");
            String successor = nodes.stream().filter(other -> !other.equals(node)).findFirst().orElse(node);
            Files.writeString(dir.resolve("distreboot.properties"), String.join("\n",
                    "cluster=" + name,
                    "node=" + node,
                    "temporal.target=" + temporal.target(),
                    "db.url=" + postgres.jdbcUrl("distreboot"),
                    "db.user=" + postgres.user(),
                    "rebootcmd=setsid sh " + script + " " + dir + " " + launcher + " "
                            + options.rebootDelay().toMillis() / 1000.0 + " > /dev/null 2>&1 &",
                    "draincmd=if grep -qx " + node + " " + master + "; then echo " + successor + " > " + master + "; fi",
                    "mastercmd=grep -qx " + node + " " + master,
                    "healthcmd=test ! -f " + dir.resolve("unhealthy"),
                    "bootidfile=" + dir.resolve("boot_id"),
                    "sentinel=" + dir.resolve("reboot-required"),
                    "machineidfile=" + dir.resolve("machine-id"),
                    "heartbeat.interval=" + options.heartbeatInterval().toMillis() + "ms",
                    "heartbeat.ttl=" + options.heartbeatTtl().toMillis() + "ms",
                    "reboot.timeout=" + options.rebootTimeout().toMillis() + "ms",
                    "rundir=" + dir.resolve("run"),
                    "require-root=false",
                    ui == null ? "" : "temporal.ui=" + ui,
                    ""));
        }
    }

    /** A cluster whose services start with {@link #startServices} and daemons with {@link #startDaemons}. */
    public static LocalCluster prepare(String name, Options options, Launch launch) throws Exception {
        return new LocalCluster(name, options, launch);
    }

    /** A cluster whose Temporal service and PostgreSQL are up; the daemons start with {@link #startDaemons}. */
    public static LocalCluster create(String name, Options options, Launch launch) throws Exception {
        return withServices(new LocalCluster(name, options, launch));
    }

    /** {@code cluster} with its services started, or closed (nothing left) if they would not start. */
    protected static <C extends LocalCluster> C withServices(C cluster) throws Exception {
        try {
            cluster.startServices();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Starts PostgreSQL, with the heartbeat database migrated, and the Temporal service (which may use it). */
    public void startServices() throws Exception {
        postgres.start();
        postgres.createDatabase("distreboot");
        DataSource heartbeatDatabase = postgres.dataSource("distreboot");
        Database.migrate(heartbeatDatabase);
        store = HeartbeatStore.on(Database.jdbi(heartbeatDatabase));
        temporal.start();
    }

    public Path dir(String node) {
        return dirs.get(node);
    }

    /** Sets properties of {@code node} (commands of a real cluster's recipes, say) before its daemon starts. */
    public void setProperties(String node, Map<String, String> properties) throws IOException {
        Path file = dir(node).resolve("distreboot.properties");
        List<String> lines = new ArrayList<>(Files.readAllLines(file).stream()
                .filter(line -> !properties.containsKey(line.split("=", 2)[0])).toList());
        properties.forEach((key, value) -> lines.add(key + "=" + value));
        Files.write(file, lines);
    }

    /**
     * Gives {@code node} a service of its own (an etcd member, say) that its simulated reboots stop
     * after the daemon and start before it, as a host's shutdown and boot would.
     */
    public void setService(String node, String startScript, String stopScript) throws IOException {
        for (Map.Entry<String, String> hook : Map.of("service-start", startScript, "service-stop", stopScript).entrySet()) {
            Path script = dir(node).resolve(hook.getKey());
            Files.writeString(script, "#!/bin/sh\n" + hook.getValue() + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** The run's page in the Temporal Web UI, when the service has one. */
    public Optional<String> runPage() {
        return temporal.ui().map(ui -> ui + "/namespaces/default/workflows/" + TaskQueues.workflowId(name));
    }

    public Path launcher() {
        return launcher;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public Hosts hosts() {
        return hosts;
    }

    public TemporalService temporal() {
        return temporal;
    }

    /** Starts every node's daemon and waits until each has a fresh heartbeat. */
    public void startDaemons(Duration patience) throws Exception {
        for (String node : nodes) {
            startDaemon(node);
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            ClusterHeartbeats beats = heartbeats();
            if (beats.nodes().size() == nodes.size() && beats.nodes().stream().noneMatch(n -> n.stale())) {
                return;
            }
            Thread.sleep(200);
        }
        ClusterHeartbeats beats = heartbeats();
        StringBuilder late = new StringBuilder();
        for (String node : nodes) {
            if (beats.nodes().stream().noneMatch(n -> n.node().equals(node) && !n.stale())) {
                late.append("\n").append(node).append(" (alive: ").append(daemons.get(node).isAlive())
                        .append("), the end of its daemon.log:").append(LogTail.of(dir(node).resolve("daemon.log"), 8));
            }
        }
        throw new IllegalStateException("the daemons did not all post a heartbeat within " + patience
                + "; see the daemon.log files under " + base + late);
    }

    /** Starts (or, as init would, restarts) the daemon of {@code node}. */
    public Process startDaemon(String node) throws IOException {
        List<String> command = new ArrayList<>(hosts.on(node));
        command.addAll(List.of(launcher.toString(), "--start", "--node=" + dir(node)));
        Process daemon = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir(node).resolve("daemon.log").toFile()))
                .start();
        started.add(daemon);
        daemons.put(node, daemon);
        return daemon;
    }

    /** The daemon process this cluster started last for {@code node} (not one restarted by a reboot). */
    public Process daemonProcess(String node) {
        return daemons.get(node);
    }

    public ClusterHeartbeats heartbeats() {
        return store.list(name);
    }

    /** The nodes in the order their rebootcmd ran, one entry per reboot. */
    public List<String> rebootOrder() throws IOException {
        List<Map.Entry<Long, String>> reboots = new ArrayList<>();
        for (String node : nodes) {
            for (long time : times(node, "reboots.log")) {
                reboots.add(Map.entry(time, node));
            }
        }
        reboots.sort(Map.Entry.comparingByKey());
        return reboots.stream().map(Map.Entry::getValue).toList();
    }

    /** Times (epoch millis) logged by simulated-reboot.sh: reboots.log (rebootcmd ran), starts.log (daemon relaunched). */
    public List<Long> times(String node, String log) throws IOException {
        Path file = dir(node).resolve(log);
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.strip())).toList();
    }

    public String bootId(String node) throws IOException {
        return Files.readString(dir(node).resolve("boot_id")).strip();
    }

    public Optional<Long> daemonPid(String node) {
        try {
            long pid = Long.parseLong(Files.readString(dir(node).resolve("run").resolve("distreboot.pid")).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What the daemon of {@code node} wrote in its status file. */
    public JsonNode daemonStatus(String node) throws IOException {
        return JSON.readTree(Files.readString(dir(node).resolve("run").resolve("status.json")));
    }

    /** Waits until the daemon's status file says what {@code until} wants. */
    public JsonNode awaitDaemonStatus(String node, Predicate<JsonNode> until, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            try {
                status = daemonStatus(node);
                if (until.test(status)) {
                    return status;
                }
            } catch (IOException notWrittenYet) {
                // the daemon replaces the file atomically; it may not exist for a moment at start
            }
            Thread.sleep(200);
        }
        throw new AssertionError("daemon status never matched within " + patience + "; last:\n" + status);
    }

    public synchronized WorkflowClient temporalClient() {
        if (stubs == null) {
            WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(temporal.target());
            temporal.clientTls().ifPresent(options::setSslContext);
            temporal.serverName().ifPresent(name -> options.setChannelInitializer(channel -> channel.overrideAuthority(name)));
            stubs = WorkflowServiceStubs.newServiceStubs(options.build());
        }
        return WorkflowClient.newInstance(stubs);
    }

    @Override
    public void close() {
        for (Path dir : dirs.values()) {
            try {
                Files.writeString(dir.resolve("halt"), "");
            } catch (IOException e) {
                // the directory is going anyway
            }
        }
        // Everything this cluster started, restarted daemons and reboot scripts included, names the
        // cluster's own temporary directory on its command line: end those, by pid. PostgreSQL is
        // stopped properly, and only then anything that is left.
        String marker = base.toString();
        String database = postgres.home().toString();
        for (int round = 0; round < 3; round++) {
            Leftovers.kill(line -> line.contains(marker) && !line.contains(database));
            started.forEach(Process::destroyForcibly);
            sleep(200);
        }
        if (stubs != null) {
            stubs.shutdownNow();
        }
        temporal.close();
        postgres.close();
        Leftovers.kill(line -> line.contains(marker));
        deleteTree(base);
    }

    private Path copyResource(String name) throws IOException {
        Path target = base.resolve(name);
        try (InputStream in = LocalCluster.class.getResourceAsStream("/devkit/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is not worth failing a shutdown for
        }
    }
}
