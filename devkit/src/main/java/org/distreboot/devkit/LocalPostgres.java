package org.distreboot.devkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.distreboot.db.Database;
import org.distreboot.db.Names;
import org.slf4j.LoggerFactory;

/**
 * A throw-away PostgreSQL for the demo, the dev server and the end-to-end tests, on 127.0.0.1 or
 * an address of the caller's, started by zonky's launcher (as root it runs the server in a user
 * namespace). Binaries, data and log live under one directory of the caller's; the server can be
 * stopped and started again on the same port and data, for outage tests. With {@link #withTls} it
 * takes TLS connections only: the superuser (the harness) without a password, any other user
 * with its password.
 */
public final class LocalPostgres implements AutoCloseable {
    /**
     * Where zonky unpacks PostgreSQL's binaries, for every server on this machine: zonky keeps
     * the first place it unpacked them for the rest of the JVM, so a place inside one cluster's
     * directory vanished under the servers of the clusters running beside it when that one closed
     * (the campaign's runs side by side: a restart found no pg_ctl). zonky locks it while unpacking.
     */
    private static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "distreboot-postgres-binaries");
    private final Path home;
    private final String address;
    private final int port;
    private Tls tls;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private EmbeddedPostgres server;
    private boolean running;

    /** The server's certificate and key (PEM) and the CA that signed it, which clients verify it by. */
    public record Tls(Path cert, Path key, Path ca) {
    }

    private LocalPostgres(Path home, String address, int port) {
        this.home = home;
        this.address = address;
        this.port = port;
    }

    /** A server to be, on 127.0.0.1:{@code port}, with its files under {@code home}; nothing runs until {@link #start()}. */
    public static LocalPostgres at(Path home, int port) {
        return at(home, "127.0.0.1", port);
    }

    /** A server to be, listening on {@code address} only. */
    public static LocalPostgres at(Path home, String address, int port) {
        return new LocalPostgres(home, address, port);
    }

    /** A server setting (postgresql.conf) from the next start on. */
    public synchronized LocalPostgres withSetting(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** From the next start on, TLS only, with this certificate. */
    public synchronized LocalPostgres withTls(Tls tls) {
        this.tls = tls;
        return this;
    }

    /**
     * Starts the server (again) and waits until it accepts connections. zonky's launcher makes
     * the binaries and the data directory, but waits for the server on loopback only: a server on
     * another address is started by its pg_ctl instead, once zonky has set it up.
     */
    public synchronized LocalPostgres start() {
        try {
            Files.createDirectories(home);
            if (address.equals("127.0.0.1")) {
                server = zonky(config()).start();
            } else {
                if (!Files.exists(home.resolve("data").resolve("PG_VERSION"))) {
                    Map<String, String> setUp = new LinkedHashMap<>(config());
                    setUp.put("listen_addresses", "127.0.0.1");
                    zonky(setUp).start().close();
                }
                List<String> options = new ArrayList<>();
                config().forEach((key, value) -> options.add("-c " + key + "=" + value));
                pgCtl("start", "-w", "-t", "60", "-o", String.join(" ", options));
            }
            running = true;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL (see " + home.resolve("postgres.log") + "): "
                    + e.getMessage(), e);
        }
    }

    private Map<String, String> config() throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("port", Integer.toString(port));
        config.put("listen_addresses", address);
        config.put("hba_file", writeHba().toString());
        config.put("unix_socket_directories", home.toString());
        config.put("fsync", "off");
        config.put("full_page_writes", "off");
        config.putAll(settings);
        if (tls != null) {
            config.put("ssl", "on");
            config.put("ssl_cert_file", tls.cert().toString());
            config.put("ssl_key_file", tls.key().toString());
        }
        return config;
    }

    private EmbeddedPostgres.Builder zonky(Map<String, String> config) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(BINARIES.toFile())
                .setDataDirectory(home.resolve("data"))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()));
        config.forEach(builder::setServerConfig);
        return builder;
    }

    /** zonky's pg_ctl on the data directory, as zonky runs it (as root: in a user namespace of its own). */
    private void pgCtl(String... args) throws IOException {
        Path pgCtl;
        try (Stream<Path> binaries = Files.list(BINARIES)) {
            pgCtl = binaries.map(dir -> dir.resolve("bin").resolve("pg_ctl")).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new IOException("no pg_ctl under " + BINARIES));
        }
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", home.resolve("data").toString(), "-l",
                home.resolve("postgres.log").toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("pg_ctl.log").toFile())).start();
            if (process.waitFor() != 0) {
                throw new IOException("pg_ctl " + args[0] + " failed; see " + home.resolve("pg_ctl.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Who may connect how: anyone from anywhere without TLS; with TLS, nothing in plain text. */
    private Path writeHba() throws IOException {
        List<String> rules = new ArrayList<>(List.of("local all all trust"));
        if (tls == null) {
            rules.addAll(List.of("host all " + user() + " 0.0.0.0/0 trust", "host all " + user() + " ::/0 trust",
                    "host all all 0.0.0.0/0 scram-sha-256", "host all all ::/0 scram-sha-256"));
        } else {
            rules.addAll(List.of("hostssl all " + user() + " 0.0.0.0/0 trust", "hostssl all all 0.0.0.0/0 scram-sha-256"));
        }
        return Files.write(home.resolve("pg_hba.conf"), rules);
    }

    /** Stops the server, keeping its data, until {@link #start()}. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            if (server != null) {
                server.close();
            } else {
                pgCtl("stop", "-w", "-m", "fast");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL: " + e.getMessage(), e);
        } finally {
            server = null;
            running = false;
        }
    }

    /** kill -9 of the server and every backend, as a crash of its host; {@link #start()} recovers. */
    public synchronized void kill() {
        try {
            long pid = Long.parseLong(Files.readAllLines(home.resolve("data").resolve("postmaster.pid")).get(0).strip());
            ProcessHandle.of(pid).ifPresent(postmaster -> {
                List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
                all.add(postmaster);
                all.forEach(ProcessHandle::destroyForcibly);
                all.forEach(process -> process.onExit().join());
            });
        } catch (IOException | RuntimeException notRunning) {
            // nothing to kill
        }
        if (server != null) {
            // Releases what zonky holds for a running server (its lock), so that it can start again.
            // Its pg_ctl stop of a server that is gone fails, and zonky logs that as an error with
            // its stack: expected here, so not logged; the lock is released all the same.
            // One at a time across servers (the campaign runs side by side), so the level comes back.
            synchronized (EmbeddedPostgres.class) {
                Logger zonky = (Logger) LoggerFactory.getLogger(EmbeddedPostgres.class);
                Level level = zonky.getLevel();
                zonky.setLevel(Level.OFF);
                try {
                    server.close();
                } catch (IOException | RuntimeException alreadyDead) {
                    // said above
                } finally {
                    zonky.setLevel(level);
                }
            }
        }
        server = null;
        running = false;
    }

    /** Whether the postmaster named in the data directory's pid file is alive. */
    public synchronized boolean isRunning() {
        try {
            long pid = Long.parseLong(Files.readAllLines(home.resolve("data").resolve("postmaster.pid")).get(0).strip());
            return running && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Creates an empty database on this server. */
    public void createDatabase(String name) {
        Names.require("database", name);
        execute("CREATE DATABASE \"" + name + "\"");
    }

    /** Creates a login role with a password, which may create databases. */
    public void createRole(String role, String password) {
        Names.require("role", role);
        execute("CREATE ROLE \"" + role + "\" LOGIN CREATEDB PASSWORD '" + password.replace("'", "''") + "'");
    }

    /** Creates an empty database on this server, owned by {@code owner}. */
    public void createDatabase(String name, String owner) {
        Names.require("database", name);
        Names.require("role", owner);
        execute("CREATE DATABASE \"" + name + "\" OWNER \"" + owner + "\"");
    }

    /** Lets {@code role} use every table of {@code database} (made by the harness, as the superuser). */
    public void grantAll(String database, String role) {
        Names.require("database", database);
        Names.require("role", role);
        execute(database, "GRANT ALL ON ALL TABLES IN SCHEMA public TO \"" + role + "\"");
        execute(database, "GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO \"" + role + "\"");
    }

    private void execute(String sql) {
        execute("postgres", sql);
    }

    private void execute(String database, String sql) {
        try (Connection connection = dataSource(database).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused " + sql.split(" PASSWORD")[0] + ": " + e.getMessage(), e);
        }
    }

    public Path home() {
        return home;
    }

    /** The address clients connect to: with TLS, verify-full against the CA (no fallback to plain text). */
    public synchronized String jdbcUrl(String database) {
        String url = "jdbc:postgresql://" + address + ":" + port + "/" + database;
        return tls == null ? url : url + "?sslmode=verify-full&sslrootcert=" + tls.ca();
    }

    public synchronized Optional<Tls> tls() {
        return Optional.ofNullable(tls);
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public String user() {
        return "postgres";
    }

    public DataSource dataSource(String database) {
        return Database.dataSource(jdbcUrl(database), user(), null);
    }

    /** Stops the server; the caller deletes {@code home}. */
    @Override
    public void close() {
        stop();
    }
}
