package org.distreboot.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `distreboot` (status) answered by this node's daemon, over a Unix socket in its rundir that
 * only its owner may use: a warm process with open connections answers in milliseconds where a
 * new JVM needs most of a second to connect. Status only, read-only; the command asks only when
 * it read the same settings as the daemon (their fingerprint), and else asks the services itself.
 * The daemon answers the report; the command renders it, as text or --json.
 *
 * <p>Request: {@code report FINGERPRINT\n}. Answer: {@code EXIT REPORTBYTES FAILUREBYTES\n} then the
 * report as JSON (exit 0) or the failure's one line, or {@code other-settings\n}. A daemon of an
 * earlier version, which asked for {@code status}, says nothing to it: the command then asks the
 * services itself.
 */
public final class StatusSocket implements AutoCloseable {
    public static final String NAME = "status.sock";
    private static final int MAX_REQUEST = 256;
    private static final String REQUEST = "report";
    private static final String OTHER_SETTINGS = "other-settings";

    /** The report as JSON with exit 0, or the exit code and the one line of the failure. */
    public record Answer(int exitCode, String report, String failure) {
        public static Answer of(StatusReport report) {
            return new Answer(0, Json.write(report), "");
        }

        public static Answer failed(int exitCode, String failure) {
            return new Answer(exitCode, "", failure);
        }

        public StatusReport statusReport() {
            return Json.read(report, StatusReport.class);
        }
    }

    /** Answers one status request inside the daemon. */
    @FunctionalInterface
    public interface Service {
        Answer status();
    }

    private final Path path;
    private final ServerSocketChannel server;

    private StatusSocket(Path path, ServerSocketChannel server) {
        this.path = path;
        this.server = server;
    }

    /**
     * Listens in {@code runDir} until closed; each request is answered on a thread of its own.
     * Empty, with one line in the log, when it cannot listen: status then asks the services itself.
     */
    public static Optional<StatusSocket> serve(Path runDir, String fingerprint, Service service) {
        Path path = runDir.resolve(NAME);
        try {
            Files.deleteIfExists(path);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            StatusSocket socket = new StatusSocket(path, server);
            DaemonThreads.named("status-socket").newThread(() -> socket.accept(fingerprint, service)).start();
            return Optional.of(socket);
        } catch (IOException | RuntimeException e) {
            log().warn("no status socket at {} ({}): distreboot asks the services itself", path, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The daemon's answer, or empty when there is no daemon to ask, it runs with other settings,
     * or it does not answer within {@code patience}: the command then asks the services itself.
     */
    public static Optional<Answer> ask(Path runDir, String fingerprint, Duration patience) {
        Path path = runDir.resolve(NAME);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            Thread watchdog = DaemonThreads.named("status-patience").newThread(() -> closeAfter(channel, patience));
            watchdog.start();
            channel.write(StandardCharsets.UTF_8.encode(REQUEST + " " + fingerprint + "\n"));
            byte[] answer = Channels.newInputStream(channel).readAllBytes();
            watchdog.interrupt();
            return parse(answer);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void accept(String fingerprint, Service service) {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                DaemonThreads.named("status-answer").newThread(() -> answer(client, fingerprint, service)).start();
            } catch (IOException e) {
                if (server.isOpen()) {
                    log().debug("status socket: {}", e.getMessage());
                }
            }
        }
    }

    private static void answer(SocketChannel client, String fingerprint, Service service) {
        try (client) {
            answerOne(client, fingerprint, service);
        } catch (IOException | RuntimeException e) {
            log().debug("status request failed: {}", e.getMessage());
        }
    }

    private static void answerOne(SocketChannel client, String fingerprint, Service service) throws IOException {
        String[] request = readLine(client).split(" ");
        if (request.length != 2 || !request[0].equals(REQUEST)) {
            return;
        }
        if (!request[1].equals(fingerprint)) {
            client.write(StandardCharsets.UTF_8.encode(OTHER_SETTINGS + "\n"));
            return;
        }
        Answer answer = service.status();
        byte[] out = answer.report().getBytes(StandardCharsets.UTF_8);
        byte[] err = answer.failure().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((answer.exitCode() + " " + out.length + " " + err.length + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(out);
        bytes.writeBytes(err);
        client.write(ByteBuffer.wrap(bytes.toByteArray()));
    }

    /** The request line, read byte by byte: it is short, and nothing after it may be consumed. */
    private static String readLine(SocketChannel client) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (line.size() < MAX_REQUEST && client.read(one.clear()) == 1 && one.get(0) != '\n') {
            line.write(one.get(0));
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static Optional<Answer> parse(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        if (newline < 0 || text.startsWith(OTHER_SETTINGS)) {
            return Optional.empty();
        }
        String[] head = text.substring(0, newline).split(" ");
        if (head.length != 3) {
            return Optional.empty();
        }
        int outBytes = Integer.parseInt(head[1]);
        int start = newline + 1;
        if (answer.length != start + outBytes + Integer.parseInt(head[2])) {
            return Optional.empty();
        }
        return Optional.of(new Answer(Integer.parseInt(head[0]),
                new String(answer, start, outBytes, StandardCharsets.UTF_8),
                new String(answer, start + outBytes, answer.length - start - outBytes, StandardCharsets.UTF_8)));
    }

    private static void closeAfter(SocketChannel channel, Duration patience) {
        try {
            Thread.sleep(patience.toMillis());
            channel.close();
        } catch (InterruptedException | IOException e) {
            // answered in time, or already closed
        }
    }

    /** Asked for on the daemon's side only: the command's side must not start the logging. */
    private static Logger log() {
        return LoggerFactory.getLogger(StatusSocket.class);
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the socket file goes with the rundir's next claim
        }
    }
}
