package org.distreboot.devkit;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Temporal server as production runs it: the server binary ({@code temporal-server}, built
 * from the Go module proxy at {@link #VERSION}) on PostgreSQL, started with the project's own
 * configuration (docker/temporal/server.yaml, the file docker-compose.yml mounts). The first start
 * creates the schemas (docker/temporal/setup-postgres.sh, temporal-sql-tool) and registers the
 * namespace and distreboot's search attributes (docker/temporal/create-namespace.sh, the temporal
 * CLI); a kill and a start again resume from the database, as a crashed server restarted by its
 * init would. With {@link Tls}, clients must present a certificate of the CA (mTLS), and the
 * server reaches PostgreSQL over TLS, verifying its name.
 */
public final class TemporalSqlServer extends TemporalProcess {
    /** The release the system suite builds and docker-compose.yml runs (temporalio/server, temporalio/admin-tools). */
    public static final String VERSION = "1.32.2";
    /** How to get the binaries this needs on the PATH. */
    public static final String INSTALL = ".ci/install-temporal-server (go install go.temporal.io/server/cmd/server@v"
            + VERSION + " and cmd/tools/sql, as temporal-server and temporal-sql-tool)";
    private static final String ROLE = "temporal";
    private static final String PASSWORD = "temporal-test-only";

    private final Binaries binaries;
    private final Path config;
    private final Path home;
    private final String address;
    private final LocalPostgres postgres;
    private final Tls tls;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private boolean prepared;

    /** The programs it runs: the server, its SQL tool, and the temporal CLI (namespace, search attributes). */
    public record Binaries(Path server, Path sqlTool, Path cli) {
    }

    /**
     * mTLS to the frontend: the CA every certificate is checked against, the server's certificate
     * and key, the name clients verify (a SAN of the certificate), and a client certificate for
     * the server's own tools and for this harness.
     */
    public record Tls(Path ca, Path serverCert, Path serverKey, String serverName, Path clientCert, Path clientKey) {
    }

    private TemporalSqlServer(Binaries binaries, Path config, Path home, String address, LocalPostgres postgres,
                              Tls tls) throws IOException {
        super("the Temporal server", home.resolve("server.log"));
        this.binaries = binaries;
        this.config = config;
        this.home = home;
        this.address = address;
        this.postgres = postgres;
        this.tls = tls;
        for (String port : List.of("FRONTEND_GRPC_PORT", "FRONTEND_MEMBERSHIP_PORT", "FRONTEND_HTTP_PORT",
                "HISTORY_GRPC_PORT", "HISTORY_MEMBERSHIP_PORT", "MATCHING_GRPC_PORT", "MATCHING_MEMBERSHIP_PORT",
                "WORKER_GRPC_PORT", "WORKER_MEMBERSHIP_PORT")) {
            ports.put(port, portForMembership());
        }
    }

    /** A free port under 32768: the server keeps membership ports in a smallint column. */
    private static int portForMembership() throws IOException {
        for (int tries = 0; tries < 100; tries++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 32768);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("no free port between 20000 and 32767");
    }

    /**
     * A factory for local clusters: the server with the configuration under {@code config}
     * (docker/temporal of the checkout), TLS when {@code tls} is not null.
     */
    public static TemporalFactory factory(Binaries binaries, Path config, Tls tls) {
        return (home, address, postgres) -> new TemporalSqlServer(binaries, config, home.resolve("temporal"), address,
                postgres, tls);
    }

    @Override
    public synchronized TemporalSqlServer start() throws IOException, InterruptedException {
        Files.createDirectories(home);
        if (!prepared) {
            postgres.createRole(ROLE, PASSWORD);
            run("setup-postgres.sh", schemaToolEnvironment());
        }
        launchAndAwait();
        if (!prepared) {
            run("create-namespace.sh", cliEnvironment());
            prepared = true;
        }
        return this;
    }

    @Override
    protected Process launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(binaries.server().toString(), "--config-file",
                config.resolve("server.yaml").toString(), "--allow-no-auth", "start")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().putAll(serverEnvironment());
        return builder.start();
    }

    @Override
    protected boolean listening() {
        return TemporalTestServer.listens(address, ports.get("FRONTEND_GRPC_PORT"));
    }



    private Map<String, String> schemaToolEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>(Map.of("SQL_HOST", postgres.address(),
                "SQL_PORT", Integer.toString(postgres.port()), "SQL_USER", ROLE, "SQL_PASSWORD", PASSWORD));
        postgres.tls().ifPresent(server -> environment.putAll(Map.of("SQL_TLS", "true",
                "SQL_TLS_CA_FILE", server.ca().toString(), "SQL_TLS_SERVER_NAME", postgres.address())));
        return environment;
    }

    private Map<String, String> serverEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>(Map.of("POSTGRES_SEEDS", postgres.address(),
                "DB_PORT", Integer.toString(postgres.port()), "POSTGRES_USER", ROLE, "POSTGRES_PWD", PASSWORD,
                "BIND_ON_IP", address, "DYNAMIC_CONFIG_FILE_PATH", config.resolve("dynamicconfig.yaml").toString()));
        ports.forEach((name, port) -> environment.put(name, port.toString()));
        postgres.tls().ifPresent(server -> environment.putAll(Map.of("SQL_TLS_ENABLED", "true",
                "SQL_CA", server.ca().toString(), "SQL_HOST_NAME", postgres.address())));
        if (tls != null) {
            environment.putAll(Map.of("TEMPORAL_TLS_CA", tls.ca().toString(),
                    "TEMPORAL_TLS_CERT", tls.serverCert().toString(), "TEMPORAL_TLS_KEY", tls.serverKey().toString(),
                    "TEMPORAL_TLS_SERVER_NAME", tls.serverName()));
        }
        return environment;
    }

    private Map<String, String> cliEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>(Map.of("TEMPORAL_ADDRESS", target()));
        if (tls != null) {
            environment.putAll(Map.of("TEMPORAL_TLS_CA", tls.ca().toString(),
                    "TEMPORAL_TLS_CERT", tls.clientCert().toString(), "TEMPORAL_TLS_KEY", tls.clientKey().toString(),
                    "TEMPORAL_TLS_SERVER_NAME", tls.serverName()));
        }
        return environment;
    }

    /** Runs one of the configuration's scripts with the binaries on the PATH; fails with its output. */
    private void run(String script, Map<String, String> environment) throws IOException, InterruptedException {
        Path log = home.resolve(script + ".log");
        ProcessBuilder builder = new ProcessBuilder(config.resolve(script).toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        List<String> path = new ArrayList<>();
        for (Path binary : List.of(binaries.server(), binaries.sqlTool(), binaries.cli())) {
            path.add(binary.toAbsolutePath().getParent().toString());
        }
        path.add(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("PATH", String.join(":", path));
        builder.environment().putAll(environment);
        int exit = builder.start().waitFor();
        if (exit != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException(script + " failed (exit " + exit + "), see " + log + ": "
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
        }
    }

    @Override
    public String target() {
        return address + ":" + ports.get("FRONTEND_GRPC_PORT");
    }

    @Override
    public Optional<String> ui() {
        return Optional.empty();
    }

    @Override
    public Optional<SslContext> clientTls() {
        if (tls == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(GrpcSslContexts.forClient().trustManager(tls.ca().toFile())
                    .keyManager(tls.clientCert().toFile(), tls.clientKey().toFile()).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<String> serverName() {
        return tls == null ? Optional.empty() : Optional.of(tls.serverName());
    }

    @Override
    public String description() {
        return "the Temporal server " + VERSION + " on PostgreSQL (" + binaries.server() + ", " + target()
                + (tls == null ? "" : ", mTLS") + ")";
    }
}
