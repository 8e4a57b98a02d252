package org.distreboot.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.distreboot.client.config.SettingsLoader;
import org.junit.jupiter.api.Test;

class TemporalConnectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /**
     * A command's query in flight when Temporal dies fails after its RPC timeout, as does the next
     * call. The SDK alone retries both for a minute, so that {@code --watch} would show nothing of
     * an outage shorter than that, and {@code distreboot} would keep an operator waiting.
     */
    @Test
    @SuppressWarnings("try") // the server is held, not used: the client reaches it through the cable
    void givenTemporalDiesUnderAQuery_aCommandsCallsFailWithinTheirTimeout_notTheSdksMinute() throws Exception {
        int port = freePort();
        try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
             Cable cable = Cable.to(port);
             TemporalConnection connection = TemporalConnection.open(SettingsLoader.of(
                     Path.of("/etc/distreboot.properties"), Map.of("node", "node-a", "temporal.target",
                             "127.0.0.1:" + cable.port())), "test", TIMEOUT)) {
            // No worker polls the task queue: the query waits in the server until it dies.
            WorkflowStub run = connection.client().newUntypedWorkflowStub("DistributedReboot",
                    WorkflowOptions.newBuilder().setWorkflowId("reboot-x").setTaskQueue("nobody").build());
            run.start();
            CompletableFuture<Long> queryFailedAfter = CompletableFuture.supplyAsync(() -> took(() -> run.query("status", String.class)));
            Thread.sleep(500);
            cable.cut();

            long queryMillis = queryFailedAfter.get(2, TimeUnit.MINUTES);
            long describeMillis = took(run::describe);

            assertThat(queryMillis).as("the query in flight gave up (ms)").isLessThan(20_000);
            assertThat(describeMillis).as("the next call gave up (ms)").isLessThan(20_000);
        }
    }

    /** How long {@code call} took to fail with UNAVAILABLE, in milliseconds. */
    private static long took(Runnable call) {
        long began = System.nanoTime();
        Throwable failure = catchThrowable(call::run);
        long millis = (System.nanoTime() - began) / 1_000_000;
        Throwable cause = failure;
        while (cause != null && !(cause instanceof StatusRuntimeException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("%s", failure).isInstanceOf(StatusRuntimeException.class);
        assertThat(((StatusRuntimeException) cause).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        return millis;
    }

    /**
     * Between the client and the server, until cut: then every connection drops and none is taken,
     * not even one accepted as the cut came (a connection is joined, or dropped, under the cable's
     * lock: once joined after the cut, one piped on and the call that should fail went through).
     */
    private static final class Cable implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> sockets = new ArrayList<>();
        private boolean isCut;

        private Cable(ServerSocket listener) {
            this.listener = listener;
        }

        static Cable to(int port) throws IOException {
            Cable cable = new Cable(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            daemon(() -> {
                while (!cable.listener.isClosed()) {
                    try {
                        Socket client = cable.listener.accept();
                        Socket server = new Socket(InetAddress.getLoopbackAddress(), port);
                        if (!cable.join(client, server)) {
                            return;
                        }
                    } catch (IOException cut) {
                        return;
                    }
                }
            });
            return cable;
        }

        private static void daemon(Runnable work) {
            Thread thread = new Thread(work, "cable");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private static void pipe(Socket from, Socket to) {
            daemon(() -> {
                try {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (IOException cut) {
                    // the cable was cut
                }
            });
        }

        /** Pipes the two together, unless the cable is cut: then closes both and says so. */
        private synchronized boolean join(Socket client, Socket server) throws IOException {
            if (isCut) {
                client.close();
                server.close();
                return false;
            }
            sockets.addAll(List.of(client, server));
            pipe(client, server);
            pipe(server, client);
            return true;
        }

        synchronized void cut() throws IOException {
            isCut = true;
            listener.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }

        @Override
        public void close() throws IOException {
            cut();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
