package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.distreboot.workflow.TaskQueues;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL password never leaves the properties: after a whole run with the password set
 * (in db.password on two nodes, in db.passwordfile on the third) and a failed attempt with a
 * wrong one, neither shows in the daemons' logs or status files, the command's output (text,
 * JSON, --verbose, errors), the run's history, or any process's command line.
 */
class SecretsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String ROLE = "distreboot";
    @AutoClose
    private E2eCluster cluster;

    @Test
    void aPasswordSetForARun_appearsNowhereButInItsFile() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        String wrong = "wrong-" + UUID.randomUUID();
        // Reboots of 3 s: the look mid-run (one node done) must not be over before a status call
        // sees it, now that a daemon is back within a second of its host.
        cluster = E2eCluster.create("secrets", LocalCluster.Options.defaults().withRebootDelay(Duration.ofSeconds(3)));
        cluster.postgres().createRole(ROLE, password);
        cluster.postgres().grantAll("distreboot", ROLE);
        Path passwordFile = cluster.dir("node-c").resolve("db.password");
        Files.writeString(passwordFile, password + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        for (String node : cluster.nodes) {
            cluster.setProperties(node, node.equals("node-c")
                    ? Map.of("db.user", ROLE, "db.passwordfile", passwordFile.toString())
                    : Map.of("db.user", ROLE, "db.password", password));
        }
        cluster.startDaemons();

        List<String> seen = new ArrayList<>();
        CliResult refused = cluster.cli("node-a", "--set-property", "db.password=" + wrong);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.errLines()).singleElement().asString().contains("password authentication failed");
        seen.add(refused.out() + refused.err());
        CliResult reboot = cluster.cli("node-a", "--reboot");
        assertThat(reboot.exitCode()).as(reboot.toString()).isZero();
        seen.add(reboot.out() + reboot.err());
        // Mid-run: a node done, the run still going (not "exactly one done": a loaded machine's status can miss it).
        cluster.awaitStatus(s -> s.path("reboot").path("done").size() >= 1
                && s.path("reboot").path("state").asText().equals("RUNNING"), PATIENCE);
        seen.add(commandLines());
        seen.add(statusFiles(false));
        CliResult verbose = cluster.cli("node-b", "--verbose");
        seen.add(verbose.out() + verbose.err());
        JsonNode end = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
        assertThat(cluster.rebootOrder()).containsExactly("node-a", "node-c", "node-b");
        seen.add(end.toString());
        seen.add(cluster.cli("node-c").out());
        seen.add(statusFiles(true));
        seen.add(cluster.temporalClient().fetchHistory(TaskQueues.workflowId(cluster.name)).toJson(false));
        for (String node : cluster.nodes) {
            seen.add(Files.readString(cluster.dir(node).resolve("daemon.log")));
        }

        assertThat(String.join("\n", seen)).as("what was seen").contains("node-a", "COMPLETED")
                .doesNotContain(password).doesNotContain(wrong);
    }

    /**
     * The daemons' status files; mid-run the node being rebooted has none (its daemon removed it
     * on the way down), so only once the run is over must every node have one.
     */
    private String statusFiles(boolean everyNode) throws IOException, InterruptedException {
        StringBuilder all = new StringBuilder();
        for (String node : cluster.nodes) {
            Path status = cluster.dir(node).resolve("run").resolve("status.json");
            for (int tries = 0; everyNode && !Files.exists(status) && tries < 50; tries++) {
                Thread.sleep(200); // the last node's daemon has posted but not yet written its file
            }
            try {
                all.append(Files.readString(status)).append('\n');
            } catch (NoSuchFileException gone) {
                // Mid-run a daemon may remove its file between a look and a read: the product does not
                // order them. Once the run is over, every file must be there.
                if (everyNode) {
                    throw gone;
                }
            }
        }
        return all.toString();
    }

    /** Every process's command line, as ps shows it to any user. */
    private static String commandLines() {
        return Leftovers.commandLines().collect(Collectors.joining("\n"));
    }
}
