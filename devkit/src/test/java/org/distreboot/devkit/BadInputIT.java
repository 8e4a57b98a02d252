package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake gets its exit code and one line that says what to do, and changes nothing: no
 * run, no reboot, every daemon still the same process. One table, run against a live cluster.
 */
class BadInputIT {
    private static final boolean ROOT = new UnixSystem().getUid() == 0;
    private static final AtomicInteger DIRS = new AtomicInteger();
    private static E2eCluster cluster;
    private static String properties;

    /**
     * A mistake: node-a's properties changed by {@code edit} (in a directory of the case's own),
     * the command's arguments ("{dir}" stands for that directory, "{node-a}" for node-a's own), and
     * what must come of it: the
     * exit code and words of the one line (or, for exit 0, of the output).
     */
    record Case(String name, UnaryOperator<String> edit, List<String> args, int exit, String says, Prepare prepare) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Prepare {
        void in(Path dir) throws IOException;
    }

    private static Case the(String name, UnaryOperator<String> edit, List<String> args, int exit, String says) {
        return new Case(name, edit, args, exit, says, dir -> { });
    }

    private static Case the(String name, UnaryOperator<String> edit, List<String> args, int exit, String says,
                            Prepare prepare) {
        return new Case(name, edit, args, exit, says, prepare);
    }

    private static UnaryOperator<String> set(String key, String value) {
        return text -> Stream.concat(text.lines().filter(line -> !line.startsWith(key + "=")), Stream.of(key + "=" + value))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static UnaryOperator<String> append(String line) {
        return text -> text + line + "\n";
    }

    private static final UnaryOperator<String> AS_IS = UnaryOperator.identity();
    private static final List<String> DRY_RUN = List.of("--dry-run");
    private static final List<String> START = List.of("--start");

    static List<Case> cases() {
        String longName = "n".repeat(300);
        return List.of(
                the("CRLF line ends are read as LF", text -> text.replace("\n", "\r\n"), DRY_RUN, 0,
                        "it would start"),
                the("a byte-order mark is skipped", text -> "\uFEFF" + text, DRY_RUN, 0, "it would start"),
                the("a key set twice", append("rebootcmd=reboot"), DRY_RUN, 2, "'rebootcmd' is set twice in"),
                the("an empty command", set("healthcmd", ""), DRY_RUN, 2,
                        "'healthcmd' is empty in {dir}/distreboot.properties: give it a value, or remove the line for no healthcmd"),
                the("an empty rebootcmd", set("rebootcmd", "  "), DRY_RUN, 2,
                        "remove the line for the default (reboot)"),
                the("a TTL shorter than the interval", set("heartbeat.ttl", "500ms"), DRY_RUN, 2,
                        "heartbeat.ttl (500ms) must be longer than heartbeat.interval (1s)"),
                the("a zero duration", set("heartbeat.interval", "0s"), DRY_RUN, 2,
                        "bad value for heartbeat.interval: must be positive, not '0s'"),
                the("a negative duration", set("reboot.timeout", "-5m"), DRY_RUN, 2, "reboot.timeout"),
                the("a duration in words", set("heartbeat.ttl", "20 seconds"), DRY_RUN, 2,
                        "'20 seconds' is not a duration (examples: 500ms, 5s, 30m, 1h30m, 1d)"),
                the("a node name with spaces", set("node", "node a"), DRY_RUN, 2,
                        "node name 'node a' may hold only letters, digits"),
                the("a node name of 300 characters", set("node", longName), DRY_RUN, 2,
                        "node name is 300 characters long, at most 128 are allowed"),
                the("a cluster name with spaces", set("cluster", "my cluster"), DRY_RUN, 2,
                        "cluster name 'my cluster' may hold only letters"),
                the("a cluster name of 300 characters", set("cluster", longName), DRY_RUN, 2,
                        "cluster name is 300 characters long"),
                the("a typo in a key", text -> text.replace("rebootcmd=", "rebootcmnd="), DRY_RUN, 2,
                        "unknown key 'rebootcmnd' in {dir}/distreboot.properties (did you mean rebootcmd?)"),
                the("a key that is nothing like a known one", append("colour=blue"), DRY_RUN, 2,
                        "unknown key 'colour' in {dir}/distreboot.properties (the keys are listed in man distreboot)"),
                the("a yes-or-no that is neither", set("require-root", "maybe"), DRY_RUN, 2,
                        "'maybe' is not true or false"),
                the("a database address that is not a JDBC URL", set("db.url", "postgres://db/distreboot"), DRY_RUN, 2,
                        "is not a PostgreSQL JDBC URL"),
                the("a password and a password file", append("db.password=x\ndb.passwordfile=/etc/hostname"), DRY_RUN,
                        2, "db.password and db.passwordfile are both set"),
                the("a password file that is not there", append("db.passwordfile=/nonexistent/password"), DRY_RUN, 2,
                        "cannot read db.passwordfile /nonexistent/password"),
                the("a TLS certificate without its key", append("temporal.tls.cert=/etc/hostname"), DRY_RUN, 2,
                        "temporal.tls.cert and temporal.tls.key go together"),
                the("a properties file that is a directory", AS_IS, DRY_RUN, 2,
                        "{dir}/distreboot.properties is a directory, not a properties file", dir -> {
                            Files.delete(dir.resolve("distreboot.properties"));
                            Files.createDirectory(dir.resolve("distreboot.properties"));
                        }),
                the("a --node directory that is not there", AS_IS, List.of("--node=/nonexistent/node", "--dry-run"), 2,
                        "--node=/nonexistent/node: no such directory"),
                the("--set-property without a value", AS_IS, List.of("--set-property", "rebootcmd", "--dry-run"), 2,
                        "--set-property needs KEY=VALUE, not 'rebootcmd'"),
                the("--set-property of an unknown key", AS_IS, List.of("--set-property", "reboot.cmd=x", "--dry-run"), 2,
                        "unknown key 'reboot.cmd' in --set-property"),
                the("two actions at once", AS_IS, List.of("--reboot", "--cancel"), 2, "mutually exclusive"),
                the("an unknown option", AS_IS, List.of("--rebot"), 2, "Unknown option: '--rebot'"),
                the("--json with --reboot", AS_IS, List.of("--reboot", "--json"), 2,
                        "--json goes with the status (no option), --dry-run, --log or --history only"),
                the("--drop of an empty name", AS_IS, List.of("--drop="), 2, "--drop: node name is empty"),
                the("--drop of a name with spaces", AS_IS, List.of("--drop=node a"), 2,
                        "--drop: node name 'node a' may hold only letters"),
                the("--drop of an unknown node", AS_IS, List.of("--drop=node-q"), 1,
                        "unknown node 'node-q'; known nodes of cluster mistakes: node-a, node-b, node-c"),
                the("--drop of the node you are on, alive", AS_IS, List.of("--drop=node-a"), 1,
                        "node-a is alive, as its heartbeat says (fresh until "),
                the("--cancel with nothing running", AS_IS, List.of("--cancel"), 1,
                        "no distributed reboot of cluster mistakes"),
                the("--stop where no daemon runs", text -> set("rundir", "{dir}/run").apply(text), List.of("--stop"), 1,
                        "no distreboot daemon runs here (rundir {dir}/run)"),
                the("--start on a rundir in use", AS_IS, List.of("--node={node-a}", "--start"), 1, "already running (pid "),
                the("--start with a boot id file that is not there",
                        text -> set("rundir", "{dir}/run").apply(set("bootidfile", "/nonexistent/boot_id").apply(text)), START,
                        2, "cannot read bootidfile /nonexistent/boot_id"),
                the("--start with a boot id file that is a directory",
                        text -> set("rundir", "{dir}/run").apply(set("bootidfile", "{dir}").apply(text)), START, 2,
                        "cannot read bootidfile {dir}"),
                the("--start with a rundir that is a symbolic link", set("rundir", "{dir}/run"), START, 2,
                        "refusing rundir {dir}/run: it is a symbolic link",
                        dir -> Files.createSymbolicLink(dir.resolve("run"), Files.createDirectory(dir.resolve("elsewhere")))),
                the("PostgreSQL unreachable", set("db.url", "jdbc:postgresql://127.0.0.1:1/distreboot"), List.of(), 3,
                        "PostgreSQL at jdbc:postgresql://127.0.0.1:1/distreboot unreachable"),
                the("Temporal unreachable", set("temporal.target", "127.0.0.1:1"), List.of("--cancel"), 3,
                        "Temporal at 127.0.0.1:1 unreachable"),
                the("a properties file others may write, with require-root", set("require-root", "true"), DRY_RUN,
                        ROOT ? 2 : 4, ROOT ? "is writable by group and others (mode 666): chmod go-w" : "distreboot needs root",
                        dir -> Files.setPosixFilePermissions(dir.resolve("distreboot.properties"),
                                PosixFilePermissions.fromString("rw-rw-rw-"))),
                the("a command others may write, with require-root", set("require-root", "true")
                                .andThen(set("draincmd", "{dir}/drain.sh"))::apply, DRY_RUN, ROOT ? 2 : 4,
                        ROOT ? "refusing {dir}/drain.sh (a file a command runs as root names)" : "distreboot needs root",
                        dir -> Files.setPosixFilePermissions(Files.writeString(dir.resolve("drain.sh"), "#!/bin/sh\n"),
                                PosixFilePermissions.fromString("rwxrwxrwx"))));
    }

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = E2eCluster.create("mistakes", LocalCluster.Options.defaults());
        cluster.startDaemons();
        properties = Files.readString(cluster.dir("node-a").resolve("distreboot.properties"));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void theTableHoldsThirtyMistakesOrMore() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachMistakeGetsItsExitCodeAndOneLine_andChangesNothing(Case mistake) throws Exception {
        Map<String, Long> daemons = daemonPids();
        Path dir = Files.createDirectories(cluster.base.resolve("case-" + DIRS.incrementAndGet()));
        Files.writeString(dir.resolve("distreboot.properties"), mistake.edit().apply(properties).replace("{dir}", dir.toString()));
        mistake.prepare().in(dir);
        List<String> args = new ArrayList<>(List.of("--node=" + dir));
        if (mistake.args().stream().anyMatch(arg -> arg.startsWith("--node="))) {
            args.clear();
        }
        mistake.args().forEach(arg -> args.add(arg.replace("{dir}", dir.toString())
                .replace("{node-a}", cluster.dir("node-a").toString())));

        CliResult result = cluster.cli(args);

        String says = mistake.says().replace("{dir}", dir.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(mistake.exit());
        if (mistake.exit() == 0) {
            assertThat(result.out()).contains(says);
            assertThat(result.errLines()).isEmpty();
        } else {
            assertThat(result.errLines()).as(result.toString()).singleElement().asString()
                    .startsWith("distreboot: ").contains(says).hasSizeLessThan(400);
        }
        assertNothingChanged(daemons);
    }

    private static Map<String, Long> daemonPids() {
        return cluster.nodes.stream().collect(Collectors.toMap(node -> node, node -> cluster.daemonPid(node).orElseThrow()));
    }

    private static void assertNothingChanged(Map<String, Long> daemons) throws Exception {
        JsonNode after = cluster.status();
        assertThat(after.path("nodes").size()).isEqualTo(3);
        assertThat(after.path("reboot").path("state").asText()).isEqualTo("NONE");
        for (String node : cluster.nodes) {
            assertThat(cluster.bootId(node)).isEqualTo(node + "-first-boot");
            assertThat(cluster.times(node, "reboots.log")).isEmpty();
        }
        assertThat(daemonPids()).isEqualTo(daemons);
    }

    @Test
    void givenStop_theDaemonExitsAndItsLastHeartbeatSaysStopped_andAStopWithoutDaemonIsRefused() throws Exception {
        Process daemon = cluster.daemonProcess("node-c");
        CliResult stop = cluster.cli("node-c", "--stop");

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(daemon.isAlive()).isFalse();
        assertThat(daemon.exitValue()).as("the daemon's exit code after SIGTERM").isZero();
        assertThat(cluster.daemonPid("node-c")).isEmpty();
        JsonNode status = cluster.status();
        assertThat(E2eCluster.stream(status.path("nodes")).filter(n -> n.path("node").asText().equals("node-c")))
                .singleElement().satisfies(n -> {
                    assertThat(n.path("stale").asBoolean()).isTrue();
                    assertThat(n.path("stopping").asBoolean()).isTrue();
                });
        CliResult again = cluster.cli("node-c", "--stop");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.errLines()).singleElement().asString().contains("no distreboot daemon runs here");
        CliResult refused = cluster.cli("node-a", "--reboot");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errLines()).singleElement().asString().contains("node-c: heartbeat stale");

        cluster.startDaemon("node-c");
        cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes")).noneMatch(n -> n.path("stale").asBoolean()),
                Duration.ofSeconds(60));
    }
}
