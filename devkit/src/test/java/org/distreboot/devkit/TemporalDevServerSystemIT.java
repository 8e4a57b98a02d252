package org.distreboot.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev server's start when a port it needs is taken: started again (three times in all), then
 * given up with the end of its log in the message, the log's directory being gone with the test.
 */
class TemporalDevServerSystemIT {

    @Test
    void givenItsPortTaken_theStartIsTriedThreeTimes_andFailsSayingWhy(@TempDir Path home) throws Exception {
        Path cli = SystemTools.require("temporal", TemporalDevServer.PINNED);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TemporalDevServer server = TemporalDevServer.at(cli, home, "127.0.0.1", taken.getLocalPort());
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the Temporal dev server exited; the end of its log")
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort() + ": bind: address already in use");
        }
        assertThat(Files.readAllLines(home.resolve("server.log")).stream()
                .filter(line -> line.contains("address already in use"))).as("starts tried").hasSize(3);
    }
}
