package org.distreboot.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.distreboot.workflow.TaskQueues;

/**
 * A {@link LocalCluster} whose processes start as operators start them, through the
 * ./distreboot launcher, plus what tests ask of it: running commands, reading status. The
 * system property distreboot.temporal picks the Temporal service: the test server (the default
 * suite) or the real dev server of the temporal CLI (the system suite runs the same tests so).
 */
public final class E2eCluster extends LocalCluster {
    private static final ObjectMapper JSON = new ObjectMapper();

    private E2eCluster(String name, Options options, Launch launch) throws Exception {
        super(name, options, launch);
    }

    /** A cluster with its services up; the daemons start with {@link #startDaemons()}. */
    public static E2eCluster create(String name, Options options) throws Exception {
        return withServices(prepare(name, options));
    }

    /**
     * A cluster on the real Temporal dev server of {@code temporalCli} (null: on the test server),
     * services up, daemons not started.
     */
    public static E2eCluster create(String name, Options options, Path temporalCli) throws Exception {
        return withServices(new E2eCluster(name, options, new Launch(List.of(checkoutLauncher().toString()),
                System.getProperty("java.class.path"), temporalCli)));
    }

    /** A cluster on {@code temporal} and {@code hosts}, whose services and daemons are not started yet. */
    public static E2eCluster prepare(String name, Options options, TemporalFactory temporal, Hosts hosts)
            throws Exception {
        return new E2eCluster(name, options, new Launch(List.of(checkoutLauncher().toString()), temporal, hosts));
    }

    /** The checkout's directory of a file the product ships (docker/temporal, say). */
    static Path checkout(String path) {
        return checkoutLauncher().resolveSibling(path);
    }

    /** A cluster whose Temporal service and PostgreSQL are not started yet. */
    public static E2eCluster prepare(String name, Options options) throws Exception {
        return new E2eCluster(name, options, new Launch(List.of(checkoutLauncher().toString()),
                System.getProperty("java.class.path"), temporalCli()));
    }

    private static Path checkoutLauncher() {
        Path launcher = Path.of(System.getProperty("distreboot.launcher", "../distreboot")).toAbsolutePath().normalize();
        Path jar = launcher.resolveSibling("cli/target/distreboot.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": build it with ./mvnw package first");
        }
        return launcher;
    }

    /** The temporal CLI when the tests run on the real dev server, else null (the test server). */
    static Path temporalCli() {
        return temporalCli(System.getProperty("distreboot.temporal", "test-server"));
    }

    /** The temporal CLI for {@code service} "dev-server", null for "test-server". */
    static Path temporalCli(String service) {
        return switch (service) {
            case "test-server" -> null;
            case "dev-server" -> SystemTools.require("temporal", TemporalDevServer.PINNED);
            default -> throw new IllegalArgumentException("distreboot.temporal is test-server or dev-server, not "
                    + service);
        };
    }

    /**
     * Writes the run's whole history, as the Temporal service stored it, to
     * devkit/target/histories/{@code scenario}.json: a candidate for the replay corpus.
     */
    public Path saveHistory(String scenario) throws IOException {
        Path file = Path.of("target", "histories", scenario + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, temporalClient().fetchHistory(TaskQueues.workflowId(name)).toJson(true));
        return file;
    }

    public void startDaemons() throws Exception {
        startDaemons(Duration.ofSeconds(60));
    }

    /** {@code node}'s daemon.log once it holds a line with {@code text}, or as it is after 30 s. */
    public String awaitDaemonLog(String node, String text) throws IOException, InterruptedException {
        return awaitDaemonLogIn(dir(node), text);
    }

    /** The daemon.log in {@code dir} (a control host's, say) once it holds a line with {@code text}, or after 30 s. */
    public String awaitDaemonLogIn(Path dir, String text) throws IOException, InterruptedException {
        Path file = dir.resolve("daemon.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String content = Files.readString(file);
        while (!content.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            content = Files.readString(file);
        }
        return content;
    }

    /** Runs the distreboot command for {@code node}'s directory, on its host. */
    public CliResult cli(String node, String... args) throws Exception {
        return run(onHost(node, args));
    }

    /** Runs the distreboot command with exactly these arguments. */
    public CliResult cli(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(args);
        return run(command);
    }

    private CliResult run(List<String> command) throws Exception {
        return start(command).await(Duration.ofSeconds(60));
    }

    /** Starts the distreboot command for {@code node}'s directory, on its host, and leaves it running. */
    public RunningCli startCli(String node, String... args) throws IOException {
        return start(onHost(node, args));
    }

    /** The distreboot command line for {@code node}'s directory, run on its host. */
    private List<String> onHost(String node, String... args) {
        List<String> command = new ArrayList<>(hosts().on(node));
        command.addAll(List.of(launcher().toString(), "--node=" + dir(node)));
        command.addAll(List.of(args));
        return command;
    }

    private RunningCli start(List<String> command) throws IOException {
        List<String> args = command.subList(command.indexOf(launcher().toString()) + 1, command.size());
        Process process = new ProcessBuilder(command).start();
        return new RunningCli(String.join(" ", args), process, new CliOutput(process.getInputStream(), "cli-out"),
                new CliOutput(process.getErrorStream(), "cli-err"));
    }

    /** A distreboot command still running: {@link #await} waits for its end; closing kills it if it has not ended. */
    public record RunningCli(String args, Process process, CliOutput out, CliOutput err) implements AutoCloseable {
        public CliResult await(Duration patience) throws Exception {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("distreboot " + args + " did not finish in " + patience);
            }
            return new CliResult(process.exitValue(), out.whole(), err.whole());
        }

        /**
         * Waits until the command has printed {@code text}: a test that acts on what the command
         * saw (an outage, a state) acts once it has seen it, whatever the order of the two.
         */
        public void awaitSaid(String text, Duration patience) throws Exception {
            long deadline = System.nanoTime() + patience.toNanos();
            while (!out.sofar().contains(text)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("distreboot " + args + " never said '" + text + "' ("
                            + (process.isAlive() ? "still running" : "exit " + process.exitValue()) + "); it said:\n"
                            + out.sofar() + err.sofar());
                }
                Thread.sleep(50);
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    public JsonNode status() throws Exception {
        return status(nodes.get(0));
    }

    /** Status as the command answers it on {@code node}'s host. */
    public JsonNode status(String node) throws Exception {
        CliResult result = cli(node, "--json");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("status failed: " + result);
        }
        return JSON.readTree(result.out());
    }

    /** Waits until every node is ready (its healthcmd passes) and {@code master} is the master. */
    public JsonNode awaitReadyWithMaster(String master, Duration patience) throws Exception {
        return awaitStatus(s -> stream(s.path("nodes")).allMatch(n -> n.path("ready").asBoolean())
                && stream(s.path("nodes")).anyMatch(n -> n.path("node").asText().equals(master)
                && n.path("role").asText().equals("master")), patience);
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
        throw new AssertionError("status never matched within " + patience + "; last:\n" + status
                + "\nwhat the daemons warned of:\n" + warnings());
    }

    /** The WARN and ERROR lines of every daemon's log (and the line after each, often its cause). */
    private String warnings() {
        StringBuilder said = new StringBuilder();
        for (String node : nodes) {
            try {
                List<String> lines = Files.readAllLines(dir(node).resolve("daemon.log"));
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(" WARN ") || lines.get(i).contains(" ERROR ")) {
                        said.append(node).append(": ").append(lines.get(i)).append('\n');
                        if (i + 1 < lines.size()) {
                            said.append(node).append(":   ").append(lines.get(i + 1)).append('\n');
                        }
                    }
                }
            } catch (IOException unreadable) {
                said.append(node).append(": no daemon.log (").append(unreadable.getMessage()).append(")\n");
            }
        }
        return said.isEmpty() ? "nothing\n" : said.toString();
    }

    /** Waits until {@code file} exists in {@code node}'s directory (reboots.log, a marker a command writes...). */
    public void awaitFile(String node, String file, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!Files.exists(dir(node).resolve(file))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " of " + node + " not there within " + patience);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Makes {@code node}'s healthcmd fail from its next boot on: after its reboot it stays REJOINING
     * until {@link Hold#release}, however slow the test's next steps are. Called before the node's
     * reboot (before the run, say), it holds for certain: the host's start arms the failure by a
     * rename, so that a release before the boot, during it or after it is never lost.
     */
    public Hold holdRejoining(String node) throws IOException {
        Path armed = Files.writeString(dir(node).resolve("unhealthy-at-boot"), "");
        Path unhealthy = dir(node).resolve("unhealthy");
        Path start = Files.writeString(dir(node).resolve("service-start"),
                "#!/bin/sh\nmv " + armed + " " + unhealthy + " 2>/dev/null\nexit 0\n");
        Files.setPosixFilePermissions(start, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Hold(armed, unhealthy);
    }

    /** A node held REJOINING by {@link #holdRejoining}. */
    public record Hold(Path armed, Path unhealthy) {
        /** Lets the node come back: its healthcmd passes from now on, whether it has booted yet or not. */
        public void release() throws IOException {
            Files.deleteIfExists(armed);
            Files.deleteIfExists(unhealthy);
        }
    }

    /**
     * A second host that says it is {@code node} (a cloned image, a copied file): a directory with
     * {@code node}'s properties but its own rundir, boot id and machine id ({@code node}'s own when
     * null, as a cloned image has). Its daemon starts with {@link #startDaemonIn}.
     */
    public Path secondHost(String node, String machineId, String bootId) throws IOException {
        Path dir = Files.createDirectories(dir(node).resolveSibling(node + "-second-host"));
        Files.writeString(dir.resolve("boot_id"), bootId + "\n");
        Files.writeString(dir.resolve("machine-id"), machineId == null
                ? Files.readString(dir(node).resolve("machine-id")) : machineId + "\n");
        List<String> properties = Files.readAllLines(dir(node).resolve("distreboot.properties")).stream()
                .map(line -> line.startsWith("rundir=") ? "rundir=" + dir.resolve("run")
                        : line.startsWith("bootidfile=") ? "bootidfile=" + dir.resolve("boot_id")
                        : line.startsWith("machineidfile=") ? "machineidfile=" + dir.resolve("machine-id") : line)
                .toList();
        Files.write(dir.resolve("distreboot.properties"), properties);
        return dir;
    }

    /** Starts a daemon on this host for the node directory {@code dir}, its output in dir/daemon.log. */
    public Process startDaemonIn(Path dir) throws IOException {
        return new ProcessBuilder(launcher().toString(), "--start", "--node=" + dir).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile())).start();
    }

    /**
     * The run's workflow tasks that timed out, each told as its event and who had it: a task lost
     * with a stopping daemon (started by it) or left on a gone daemon's sticky queue (scheduled there).
     */
    public List<String> workflowTasksTimedOut() {
        List<HistoryEvent> events = temporalClient().fetchHistory(TaskQueues.workflowId(name)).getEvents();
        return events.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)
                .map(e -> {
                    var timedOut = e.getWorkflowTaskTimedOutEventAttributes();
                    String who = timedOut.getStartedEventId() > 0
                            ? "started by " + events.get((int) timedOut.getStartedEventId() - 1)
                            .getWorkflowTaskStartedEventAttributes().getIdentity()
                            : "scheduled on " + events.get((int) timedOut.getScheduledEventId() - 1)
                            .getWorkflowTaskScheduledEventAttributes().getTaskQueue().getName();
                    return "event " + e.getEventId() + " " + timedOut.getTimeoutType() + ", " + who;
                }).toList();
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

    /** The run's state in a status: NONE, RUNNING, STALLED, COMPLETED, CANCELLED or FAILED. */
    static String state(JsonNode status) {
        return status.path("reboot").path("state").asText();
    }

    static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
