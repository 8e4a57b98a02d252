package org.distreboot.devkit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.distreboot.workflow.RunSearch;

/**
 * The Temporal test server as a real gRPC service on one address (127.0.0.1 unless told), in a JVM of its own, from
 * {@code classpath} (the test class path, or distreboot-devkit.jar, which carries it). It has no
 * Web UI and keeps nothing on disk. Nothing runs until {@link #start()}; it can be stopped and
 * started again on the same port, empty.
 */
public final class TemporalTestServer extends TemporalProcess {
    private final String classpath;
    private final String address;
    private final int port;

    private TemporalTestServer(String classpath, Path log, String address, int port) {
        super("the Temporal test server", log);
        this.classpath = classpath;
        this.address = address;
        this.port = port;
    }

    /** A server to be on {@code address}:{@code port} (0: a free one), and on no other address. */
    public static TemporalTestServer at(String classpath, Path log, String address, int port) throws IOException {
        return new TemporalTestServer(classpath, log, address, port == 0 ? freePort() : port);
    }

    /** For a local cluster: the test server, its classes on {@code classpath}, on a free port. */
    public static TemporalFactory factory(String classpath) {
        return (home, address, postgres) -> at(classpath, home.resolve("temporal.log"), address, 0);
    }

    @Override
    public TemporalTestServer start() throws IOException, InterruptedException {
        launchAndAwait();
        registerSearchAttributes();
        return this;
    }

    @Override
    protected Process launch() throws IOException {
        return new ProcessBuilder(List.of(javaBin(), "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath,
                TestServerMain.class.getName(), address, Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
    }

    @Override
    protected boolean listening() {
        return listens(address, port);
    }



    @Override
    public String target() {
        return address + ":" + port;
    }

    @Override
    public Optional<String> ui() {
        return Optional.empty();
    }

    @Override
    public String description() {
        return "the embedded Temporal test server (no Web UI)";
    }

    /** As an operator registers them once on a production namespace; the test server forgets them when stopped. */
    private void registerSearchAttributes() {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(target()).usePlaintext().build();
        try {
            AddSearchAttributesRequest.Builder request = AddSearchAttributesRequest.newBuilder().setNamespace("default");
            RunSearch.KEYS.forEach(key -> request.putSearchAttributes(key.getName(),
                    IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
            OperatorServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .addSearchAttributes(request.build());
        } finally {
            channel.shutdownNow();
        }
    }

    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port}. */
    static boolean listens(int port) {
        return listens("127.0.0.1", port);
    }

    /** Whether something accepts connections on {@code address}:{@code port}. */
    static boolean listens(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
