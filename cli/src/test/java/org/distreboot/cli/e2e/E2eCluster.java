package org.distreboot.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.distreboot.db.EmbeddedPostgres;
import org.distreboot.workflow.TaskQueues;

/**
 * A cluster of real processes on this machine: the Temporal test server (own JVM), an
 * embedded PostgreSQL, and one daemon per node (own JVM, own --node directory, rundir and
 * boot id file), whose rebootcmd simulates a host reboot with simulated-reboot.sh.
 */
public final class E2eCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final String name;
    public final Path base;
    public final List<String> nodes;
    private final Path launcher;
    private final TemporalTestServer temporal;
    private final EmbeddedPostgres postgres;
    private final Map<String, Path> dirs = new LinkedHashMap<>();
    private final List<Process> started = new ArrayList<>();
    private final Map<String, Process> daemons = new LinkedHashMap<>();
    private WorkflowServiceStubs stubs;

    public record Options(int nodes, String master, Duration rebootDelay, Duration rebootTimeout,
                          Duration heartbeatInterval, Duration heartbeatTtl) {
        public static Options defaults() {
            // A TTL of five beats: several JVMs starting at once on a small machine can delay a beat.
            return new Options(3, "node-b", Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(1),
                    Duration.ofSeconds(5));
        }

        public Options withNodes(int count) {
            return new Options(count, master, rebootDelay, rebootTimeout, heartbeatInterval, heartbeatTtl);
        }

        public Options withRebootTimeout(Duration timeout) {
            return new Options(nodes, master, rebootDelay, timeout, heartbeatInterval, heartbeatTtl);
        }

        public Options withRebootDelay(Duration delay) {
            return new Options(nodes, master, delay, rebootTimeout, heartbeatInterval, heartbeatTtl);
        }
    }

    private E2eCluster(String name, Path base, List<String> nodes, Path launcher, TemporalTestServer temporal,
                       EmbeddedPostgres postgres) {
        this.name = name;
        this.base = base;
        this.nodes = nodes;
        this.launcher = launcher;
        this.temporal = temporal;
        this.postgres = postgres;
    }

    /** Starts the services and writes each node's directory; the daemons start with {@link #startDaemons()}. */
    public static E2eCluster create(String name, Options options) throws Exception {
        // Daemons and commands start as operators start them: through the ./distreboot launcher.
        Path launcher = Path.of(System.getProperty("distreboot.launcher", "../distreboot")).toAbsolutePath().normalize();
        Path jar = launcher.resolveSibling("cli/target/distreboot.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": build it with ./mvnw package first");
        }
        Path base = Files.createTempDirectory("distreboot-e2e-");
        TemporalTestServer temporal = TemporalTestServer.start(base.resolve("temporal.log"));
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        try (Connection connection = postgres.dataSource("postgres").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE distreboot");
        }
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < options.nodes(); i++) {
            nodes.add("node-" + (char) ('a' + i));
        }
        E2eCluster cluster = new E2eCluster(name, base, List.copyOf(nodes), launcher, temporal, postgres);
        Path script = base.resolve("simulated-reboot.sh");
        try (InputStream in = E2eCluster.class.getResourceAsStream("/e2e/simulated-reboot.sh")) {
            Files.copy(in, script);
        }
        Files.writeString(base.resolve("master"), options.master() + "\n");
        for (String node : nodes) {
            Path dir = Files.createDirectories(base.resolve(node));
            cluster.dirs.put(node, dir);
            Files.writeString(dir.resolve("boot_id"), node + "-first-boot\n");
            Files.writeString(dir.resolve("distreboot.properties"), String.join("\n",
                    "cluster=" + name,
                    "node=" + node,
                    "temporal.target=" + temporal.target(),
                    "db.url=" + postgres.jdbcUrl("distreboot"),
                    "db.user=" + postgres.user(),
                    "rebootcmd=setsid sh " + script + " " + dir + " " + launcher + " " + options.rebootDelay().toMillis() / 1000.0
                            + " > /dev/null 2>&1 &",
                    "mastercmd=grep -qx " + node + " " + base.resolve("master"),
                    "healthcmd=test ! -f " + dir.resolve("unhealthy"),
                    "bootidfile=" + dir.resolve("boot_id"),
                    "heartbeat.interval=" + options.heartbeatInterval().toMillis() + "ms",
                    "heartbeat.ttl=" + options.heartbeatTtl().toMillis() + "ms",
                    "reboot.timeout=" + options.rebootTimeout().toMillis() + "ms",
                    "rundir=" + dir.resolve("run"),
                    "require-root=false",
                    "temporal.ui=http://temporal-ui.example:8080/",
                    ""));
        }
        return cluster;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public TemporalTestServer temporal() {
        return temporal;
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

    public String postgresUrl() {
        return postgres.jdbcUrl("distreboot");
    }

    public Path dir(String node) {
        return dirs.get(node);
    }

    public void startDaemons() throws Exception {
        for (String node : nodes) {
            startDaemon(node);
        }
        awaitStatus(status -> status.path("nodes").size() == nodes.size()
                && stream(status.path("nodes")).noneMatch(n -> n.path("stale").asBoolean()), Duration.ofSeconds(60));
    }

    /** Starts (or, as init would, restarts) the daemon of {@code node}. */
    public Process startDaemon(String node) throws IOException {
        Process daemon = new ProcessBuilder(launcher.toString(), "--start", "--node=" + dir(node))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir(node).resolve("daemon.log").toFile()))
                .start();
        started.add(daemon);
        daemons.put(node, daemon);
        return daemon;
    }

    /** Runs the distreboot command for {@code node}'s directory. */
    public CliResult cli(String node, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--node=" + dir(node)));
        command.addAll(List.of(args));
        return cli(command);
    }

    /** Runs the distreboot command with exactly these arguments. */
    public CliResult cli(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("distreboot " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new CliResult(process.exitValue(), out.get(), err.get());
    }

    public JsonNode status() throws Exception {
        CliResult result = cli(nodes.get(0), "--json");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("status failed: " + result);
        }
        return JSON.readTree(result.out());
    }

    public JsonNode awaitStatus(Predicate<JsonNode> until, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = status();
            if (until.test(status)) {
                return status;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("status never matched within " + patience + "; last:\n" + status);
    }

    /** The nodes in the order their simulated reboots happened, one entry per reboot. */
    public List<String> rebootOrder() throws IOException {
        List<Map.Entry<Long, String>> reboots = new ArrayList<>();
        for (String node : nodes) {
            for (String line : lines(dir(node).resolve("reboots.log"))) {
                reboots.add(Map.entry(Long.parseLong(line.strip()), node));
            }
        }
        reboots.sort(Map.Entry.comparingByKey());
        return reboots.stream().map(Map.Entry::getValue).toList();
    }

    public List<Long> times(String node, String log) throws IOException {
        return lines(dir(node).resolve(log)).stream().map(line -> Long.parseLong(line.strip())).toList();
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

    /** The daemon process this harness started last for {@code node}. */
    public Process daemonProcess(String node) {
        return daemons.get(node);
    }

    public WorkflowClient temporalClient() {
        if (stubs == null) {
            stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(temporal.target()).build());
        }
        return WorkflowClient.newInstance(stubs);
    }

    /** The node whose daemon completed the workflow's latest workflow task (identity "node/pid-N"). */
    public String nodeRunningTheWorkflow() {
        List<HistoryEvent> events = temporalClient().fetchHistory(TaskQueues.workflowId(name)).getEvents();
        String identity = events.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
                .reduce((first, second) -> second).orElseThrow()
                .getWorkflowTaskCompletedEventAttributes().getIdentity();
        return identity.substring(0, identity.indexOf('/'));
    }

    @Override
    public void close() {
        for (Path dir : dirs.values()) {
            touch(dir.resolve("halt"));
        }
        // Everything this cluster started, restarted daemons and reboot scripts included, names the
        // cluster's own temporary directory on its command line: end those, by pid.
        String marker = base.toString();
        for (int round = 0; round < 3; round++) {
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
            started.forEach(Process::destroyForcibly);
            sleep(200);
        }
        if (stubs != null) {
            stubs.shutdownNow();
        }
        temporal.close();
        postgres.close();
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing a test run for
        }
    }

    static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
