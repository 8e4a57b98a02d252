package org.distreboot.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
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
    void givenDaemonWithTheSameSettings_itAnswersWithTheCommandsOutputAndExitCode_onASocketOnlyItsOwnerMayUse()
            throws Exception {
        String report = "NODE  BOOT ID\nnode-a  boot-ü\n".repeat(5000);
        StatusSocket socket = serve("f1",
                json -> new StatusSocket.Answer(json ? 3 : 0, json ? "{}" : report, json ? "distreboot: away\n" : ""));
        try {
            assertThat(StatusSocket.ask(runDir, "f1", false, PATIENCE)).contains(new StatusSocket.Answer(0, report, ""));
            assertThat(StatusSocket.ask(runDir, "f1", true, PATIENCE))
                    .contains(new StatusSocket.Answer(3, "{}", "distreboot: away\n"));
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
        StatusSocket socket = serve("f1", json -> {
            asked.incrementAndGet();
            return new StatusSocket.Answer(0, "report", "");
        });
        try {
            assertThat(StatusSocket.ask(runDir, "f2", false, PATIENCE)).isEmpty();
        } finally {
            socket.close();
        }
        assertThat(asked).hasValue(0);
    }

    @Test
    void givenNoDaemonOrOneKilledWithoutCleaningUp_thereIsNoAnswer() throws Exception {
        assertThat(StatusSocket.ask(runDir, "f1", false, PATIENCE)).isEmpty();

        // What kill -9 leaves: the socket file, with nobody listening.
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(
                runDir.resolve(StatusSocket.NAME))).close();
        assertThat(runDir.resolve(StatusSocket.NAME)).exists();
        assertThat(StatusSocket.ask(runDir, "f1", false, PATIENCE)).isEmpty();
    }

    @Test
    void givenRundirWhereNoSocketFits_theDaemonGoesOnWithout() {
        Path tooLong = runDir.resolve("d".repeat(120));

        assertThat(StatusSocket.serve(tooLong, "f1", json -> new StatusSocket.Answer(0, "", ""))).isEmpty();
    }

    @Test
    void givenDaemonThatDoesNotAnswerInTime_theCommandStopsWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        StatusSocket socket = serve("f1", json -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new StatusSocket.Answer(0, "too late", "");
        });
        try {
            assertThat(StatusSocket.ask(runDir, "f1", false, Duration.ofMillis(300))).isEmpty();
        } finally {
            release.countDown();
            socket.close();
        }
    }
}
