package org.distreboot.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusSocketTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @TempDir
    Path runDir;

    private StatusSocket serve(String fingerprint, StatusSocket.Service service) {
        return StatusSocket.serve(runDir, fingerprint, service).orElseThrow();
    }

    @Test
    void givenDaemonWithTheSameSettings_itAnswersTheReportOrTheFailure_onASocketOnlyItsOwnerMayUse()
            throws Exception {
        StatusReport report = report(5000);
        AtomicInteger asked = new AtomicInteger();
        StatusSocket socket = serve("f1", () -> asked.incrementAndGet() == 1 ? StatusSocket.Answer.of(report)
                : StatusSocket.Answer.failed(3, "PostgreSQL at localhost:5432 unreachable: Connection refused"));
        try {
            assertThat(StatusSocket.ask(runDir, "f1", PATIENCE).orElseThrow().statusReport()).isEqualTo(report);
            assertThat(StatusSocket.ask(runDir, "f1", PATIENCE))
                    .contains(new StatusSocket.Answer(3, "", "PostgreSQL at localhost:5432 unreachable: Connection refused"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runDir.resolve(StatusSocket.NAME))))
                    .isEqualTo("rw-------");
        } finally {
            socket.close();
        }
        assertThat(runDir.resolve(StatusSocket.NAME)).doesNotExist();
    }

    @Test
    void givenDaemonWithOtherSettings_itDoesNotAnswer_andTheCommandAsksTheServicesItself() {
        AtomicInteger asked = new AtomicInteger();
        StatusSocket socket = serve("f1", () -> {
            asked.incrementAndGet();
            return StatusSocket.Answer.of(report(1));
        });
        try {
            assertThat(StatusSocket.ask(runDir, "f2", PATIENCE)).isEmpty();
        } finally {
            socket.close();
        }
        assertThat(asked).hasValue(0);
    }

    @Test
    void givenNoDaemonOrOneKilledWithoutCleaningUp_thereIsNoAnswer() throws Exception {
        assertThat(StatusSocket.ask(runDir, "f1", PATIENCE)).isEmpty();

        // What kill -9 leaves: the socket file, with nobody listening.
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(
                runDir.resolve(StatusSocket.NAME))).close();
        assertThat(runDir.resolve(StatusSocket.NAME)).exists();
        assertThat(StatusSocket.ask(runDir, "f1", PATIENCE)).isEmpty();
    }

    @Test
    void givenRundirWhereNoSocketFits_theDaemonGoesOnWithout() {
        Path tooLong = runDir.resolve("d".repeat(120));

        assertThat(StatusSocket.serve(tooLong, "f1", () -> StatusSocket.Answer.of(report(1)))).isEmpty();
    }

    @Test
    void givenDaemonThatDoesNotAnswerInTime_theCommandStopsWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        StatusSocket socket = serve("f1", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StatusSocket.Answer.of(report(1));
        });
        try {
            assertThat(StatusSocket.ask(runDir, "f1", Duration.ofMillis(300))).isEmpty();
        } finally {
            release.countDown();
            socket.close();
        }
    }

    @Test
    void givenTheRequestOfAnEarlierCommand_theDaemonSaysNothing_andThatCommandAsksTheServicesItself() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        StatusSocket socket = serve("f1", () -> {
            asked.incrementAndGet();
            return StatusSocket.Answer.of(report(1));
        });
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(runDir.resolve(StatusSocket.NAME)))) {
            channel.write(StandardCharsets.UTF_8.encode("status f1 text\n"));

            assertThat(Channels.newInputStream(channel).readAllBytes()).isEmpty();
        } finally {
            socket.close();
        }
        assertThat(asked).hasValue(0);
    }

    /** A report of {@code nodes} nodes, with a name past ASCII. */
    private static StatusReport report(int nodes) {
        Instant now = Instant.parse("2026-12-05T10:00:00.123456Z");
        List<StatusReport.NodeLine> lines = IntStream.range(0, nodes).mapToObj(n -> new StatusReport.NodeLine(
                "node-" + n, now.plusSeconds(20), false, "member", true, "boot-ü-" + n, false, now, null, null, null,
                true, now, null)).toList();
        return new StatusReport("prod", "node-0", "/etc/distreboot.properties", List.of(),
                new StatusReport.Daemon(true, 42L, "running", null, "localhost:7233", true, null, true, null, "dev"),
                lines, new StatusReport.Reboot("RUNNING", List.of("node-0", "node-1"), List.of("node-1"), List.of(),
                "node-0", "REBOOTING", now, null, "node-0", null, null, "root@node-0", now, null, 2, null, null, null,
                null, List.of(), List.of(), List.of(), Map.of("node-1", "back after 30s")), now, StatusReport.BY_DAEMON);
    }
}
