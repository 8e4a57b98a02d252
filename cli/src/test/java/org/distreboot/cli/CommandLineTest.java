package org.distreboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distreboot.client.Operator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's own rules, through the same entry point as the jar (Micronaut context and all). */
class CommandLineTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheManualsOptionsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--start", "--stop", "--reboot", "--dry-run", "--cancel", "--drop=NODE",
                "--node=DIR", "--set-property", "--json", "--all", "4   needs root");
    }

    @Test
    void givenTwoActions_itIsAUsageErrorInOneLine() {
        assertThat(run("--reboot", "--dry-run")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("mutually exclusive");
    }

    @Test
    void givenJsonWithAnAction_itIsAUsageError() {
        assertThat(run("--json", "--cancel")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("distreboot: --json goes with the status (no option), --dry-run, --log or --history only");
    }

    @Test
    void givenLogWithABadNodeName_itIsAUsageErrorBeforeAnythingIsAsked() {
        assertThat(run("--log", "x;rm -rf /")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("distreboot: --log: node ");
    }

    @Test
    void givenAllWithoutRebootOrDryRun_itIsAUsageError() {
        assertThat(run("--all", "--cancel")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("distreboot: --all goes with --reboot or --dry-run only");
    }

    @Test
    void givenUnknownOption_itIsAUsageError() {
        assertThat(run("--reboot-now")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--reboot-now'");
    }

    @Test
    void givenNonRootWithRequireRoot_itNeedsRoot_andGivenUnreachablePostgres_exit3() throws Exception {
        Files.writeString(dir.resolve("distreboot.properties"), String.join("\n", "node=alpha",
                "db.url=jdbc:postgresql://127.0.0.1:1/none", "temporal.target=127.0.0.1:1", "rundir=" + dir, ""));
        int code = run("--node=" + dir);

        if (Operator.isRoot()) {
            assertThat(code).as(err.toString()).isEqualTo(3);
            assertThat(err.toString().strip()).startsWith("distreboot: PostgreSQL at jdbc:postgresql://127.0.0.1:1/none unreachable");
        } else {
            assertThat(code).isEqualTo(4);
            assertThat(err.toString()).contains("needs root");
        }
    }

    @Test
    void givenUnreachableTemporal_cancelExits3NamingIt() throws Exception {
        Files.writeString(dir.resolve("distreboot.properties"), String.join("\n", "node=alpha", "require-root=false",
                "db.url=jdbc:postgresql://127.0.0.1:1/none", "temporal.target=127.0.0.1:1", "rundir=" + dir, ""));

        assertThat(run("--node=" + dir, "--cancel")).isEqualTo(3);
        assertThat(err.toString().strip()).isEqualTo("distreboot: Temporal at 127.0.0.1:1 unreachable: Connection refused");
    }
}
