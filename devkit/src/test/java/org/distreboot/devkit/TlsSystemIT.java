package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.distreboot.workflow.TaskQueues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * TLS to both services, with a CA made here: mTLS from daemons and command to the Temporal server
 * (on PostgreSQL; its certificate names it temporal.distreboot.test only, so the nodes verify it by
 * temporal.tls.servername), and TLS with verify-full to PostgreSQL, whose distreboot role logs in
 * with a password from db.passwordfile. A run completes with no secret in logs, history or ps; a
 * wrong CA, a wrong name, a refused or expired certificate each give one clear line and exit 3,
 * and nothing falls back to plain text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsSystemIT {
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final String SERVER_NAME = "temporal.distreboot.test";
    private static final String ROLE = "distreboot";

    private Path pki;
    private TestCa ca;
    private TestCa other;
    private TestCa.Issued temporalCert;
    private TestCa.Issued postgresCert;
    private TestCa.Issued nodeCert;
    private String password;
    private E2eCluster cluster;

    @BeforeAll
    void startOnTls() throws Exception {
        TemporalSqlServer.Binaries binaries = SystemTools.temporalServer();
        pki = Files.createTempDirectory("distreboot-pki-");
        ca = TestCa.create(pki, "ca");
        other = TestCa.create(pki, "other");
        temporalCert = ca.issue("temporal", SERVER_NAME);
        postgresCert = ca.issue("postgres", "127.0.0.1");
        nodeCert = ca.issue("node", "distreboot-node");
        TemporalSqlServer.Tls tls = new TemporalSqlServer.Tls(ca.cert(), temporalCert.cert(), temporalCert.key(),
                SERVER_NAME, nodeCert.cert(), nodeCert.key());
        cluster = E2eCluster.prepare("tls", LocalCluster.Options.defaults(),
                TemporalSqlServer.factory(binaries, E2eCluster.checkout("docker/temporal"), tls), Hosts.loopback());
        cluster.postgres().withTls(new LocalPostgres.Tls(postgresCert.cert(), postgresCert.key(), ca.cert()))
                .withSetting("log_connections", "on");
        password = "pw-" + UUID.randomUUID();
        Path passwordFile = pki.resolve("db.password");
        Files.writeString(passwordFile, password + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        cluster.startServices();
        cluster.postgres().createRole(ROLE, password);
        cluster.postgres().grantAll("distreboot", ROLE);
        for (String node : cluster.nodes) {
            cluster.setProperties(node, Map.of(
                    "temporal.tls.ca", ca.cert().toString(),
                    "temporal.tls.cert", nodeCert.cert().toString(),
                    "temporal.tls.key", nodeCert.key().toString(),
                    "temporal.tls.servername", SERVER_NAME,
                    "db.url", cluster.postgres().jdbcUrl("distreboot"),
                    "db.user", ROLE,
                    "db.passwordfile", passwordFile.toString()));
        }
        cluster.startDaemons();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (pki != null) {
            LocalCluster.deleteTree(pki);
        }
    }

    @Test
    @Order(1)
    void givenMutualTlsToTemporalAndVerifyFullToPostgres_aRunCompletes_withNoSecretInLogsHistoryOrPs() throws Exception {
        assertThat(cluster.postgres().jdbcUrl("distreboot")).contains("sslmode=verify-full");
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        // A look at ps once a node is done (">= 1": "== 1" is a moment a status poll can miss).
        cluster.awaitStatus(s -> s.path("reboot").path("done").size() >= 1, PATIENCE);
        String processes = processList();
        JsonNode end = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        assertThat(E2eCluster.stream(end.path("reboot").path("done")).map(JsonNode::asText))
                .containsExactly("node-a", "node-c", "node-b");
        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-c", "node-b");

        List<String> secrets = List.of(password, keyBody(nodeCert.key()), keyBody(temporalCert.key()),
                keyBody(postgresCert.key()));
        String history = cluster.temporalClient().fetchHistory(TaskQueues.workflowId(cluster.name)).toJson(false);
        StringBuilder logs = new StringBuilder();
        for (String node : cluster.nodes) {
            logs.append(Files.readString(cluster.dir(node).resolve("daemon.log")));
        }
        logs.append(cluster.cli("node-b", "--json").out()).append(reboot.out()).append(reboot.err());
        for (String secret : secrets) {
            assertThat(history).as("the run's history").doesNotContain(secret);
            assertThat(logs.toString()).as("daemon logs and command output").doesNotContain(secret);
            assertThat(processes).as("ps").doesNotContain(secret);
        }
        assertThat(processes).as("ps shows the daemons").contains("--start");
        assertOnlyTlsSessions();
    }

    @Test
    @Order(2)
    void givenAWrongCaAWrongNameOrARefusedCertificate_theCommandSaysWhyInOneLineAndExits3() throws Exception {
        String temporal = "TLS to Temporal at " + cluster.temporal().target() + " failed: ";
        String postgres = "TLS to PostgreSQL at jdbc:postgresql://";
        TestCa.Issued stranger = other.issue("stranger", "distreboot-node");
        assertFails(temporal + "the server's certificate is not signed by the CA this node trusts",
                "temporal.tls.ca=" + other.cert());
        assertFails(temporal + "the server's certificate is not for wrong.distreboot.test",
                "temporal.tls.servername=wrong.distreboot.test");
        assertFails(temporal + "the server refused this node's certificate",
                "temporal.tls.cert=" + stranger.cert(), "temporal.tls.key=" + stranger.key());
        assertFails(postgres + "127.0.0.1:" + cluster.postgres().port()
                        + "/distreboot failed: the server's certificate is not signed by the CA this node trusts",
                "db.url=" + cluster.postgres().jdbcUrl("distreboot").replace(ca.cert().toString(), other.cert().toString()));
        assertFails(postgres + "localhost:" + cluster.postgres().port()
                        + "/distreboot failed: the server's certificate is not for localhost",
                "db.url=" + cluster.postgres().jdbcUrl("distreboot").replace("127.0.0.1", "localhost"));
        assertOnlyTlsSessions();
    }

    @Test
    @Order(3)
    void givenExpiredServerCertificates_theCommandSaysSoInOneLineAndExits3() throws Exception {
        TestCa.Issued good = keep(postgresCert);
        replace(postgresCert, ca.issueExpired("postgres-expired", "127.0.0.1"));
        restartPostgres();
        assertFails("TLS to PostgreSQL at jdbc:postgresql://127.0.0.1:" + cluster.postgres().port()
                + "/distreboot failed: the server's certificate has expired");
        replace(postgresCert, good);
        restartPostgres();
        replace(temporalCert, ca.issueExpired("temporal-expired", SERVER_NAME));
        cluster.temporal().stop();
        cluster.temporal().start();
        assertFails("TLS to Temporal at " + cluster.temporal().target() + " failed: the server's certificate has expired");
        assertOnlyTlsSessions();
    }

    private void restartPostgres() {
        cluster.postgres().stop();
        cluster.postgres().start();
    }

    /** A copy of a served certificate and key, to put back later. */
    private TestCa.Issued keep(TestCa.Issued served) throws Exception {
        TestCa.Issued copy = new TestCa.Issued(pki.resolve(served.cert().getFileName() + ".kept"),
                pki.resolve(served.key().getFileName() + ".kept"));
        replace(copy, served);
        return copy;
    }

    /** The files of {@code served} now hold {@code replacement}'s certificate and key. */
    private static void replace(TestCa.Issued served, TestCa.Issued replacement) throws Exception {
        Files.copy(replacement.cert(), served.cert(), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(replacement.key(), served.key(), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(served.key(), PosixFilePermissions.fromString("rw-------"));
    }

    /** {@code status --json} on node-a with these properties overridden fails with one line that starts so, exit 3. */
    private void assertFails(String line, String... properties) throws Exception {
        List<String> args = new ArrayList<>(List.of("--node=" + cluster.dir("node-a"), "--json"));
        for (String property : properties) {
            args.addAll(List.of("--set-property", property));
        }
        CliResult result = cluster.cli(args);
        System.out.println(String.join(" ", properties) + " -> exit " + result.exitCode() + ": " + result.err().strip());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.errLines()).as(result.toString()).singleElement().asString().startsWith("distreboot: " + line);
        assertThat(result.out()).isEmpty();
    }

    /** Every session of the distreboot role PostgreSQL authorised was encrypted: no plain-text fallback. */
    private void assertOnlyTlsSessions() throws Exception {
        List<String> sessions = Files.readAllLines(cluster.postgres().home().resolve("postgres.log")).stream()
                .filter(line -> line.contains("connection authorized: user=" + ROLE + " ")).toList();
        assertThat(sessions).isNotEmpty().allMatch(line -> line.contains("SSL enabled"));
        assertThat(Files.readString(cluster.postgres().home().resolve("postgres.log"))).doesNotContain("no encryption");
    }

    private static String keyBody(Path key) throws Exception {
        List<String> lines = Files.readAllLines(key);
        return lines.get(1);
    }

    private static String processList() throws Exception {
        Process ps = new ProcessBuilder("ps", "-eo", "args").redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ps.waitFor();
        return out;
    }
}
