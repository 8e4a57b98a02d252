package org.distreboot.devkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.distreboot.db.Database;
import org.distreboot.db.Names;

/**
 * A throw-away PostgreSQL on 127.0.0.1 for the demo, the dev server and the end-to-end tests,
 * started by zonky's launcher (as root it runs the server in a user namespace). Binaries, data
 * and log live under one directory of the caller's; the server can be stopped and started again
 * on the same port and data, for outage tests.
 */
public final class LocalPostgres implements AutoCloseable {
    private final Path home;
    private final int port;
    private EmbeddedPostgres server;

    private LocalPostgres(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** A server to be, on {@code port}, with its files under {@code home}; nothing runs until {@link #start()}. */
    public static LocalPostgres at(Path home, int port) {
        return new LocalPostgres(home, port);
    }

    /** Starts the server (again) and waits until it accepts connections. */
    public synchronized LocalPostgres start() {
        try {
            Files.createDirectories(home);
            server = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(home.resolve("binaries").toFile())
                    .setDataDirectory(home.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", home.toString())
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()))
                    .start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL (see " + home.resolve("postgres.log") + "): "
                    + e.getMessage(), e);
        }
    }

    /** Stops the server, keeping its data, until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop PostgreSQL: " + e.getMessage(), e);
            } finally {
                server = null;
            }
        }
    }

    /** Whether the postmaster named in the data directory's pid file is alive. */
    public synchronized boolean isRunning() {
        try {
            long pid = Long.parseLong(Files.readAllLines(home.resolve("data").resolve("postmaster.pid")).get(0).strip());
            return server != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
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

    public Path home() {
        return home;
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

    /** Stops the server; the caller deletes {@code home}. */
    @Override
    public void close() {
        stop();
    }
}
