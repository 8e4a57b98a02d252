package org.distreboot.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh, migrated database for one test class, on the server named by
 * DISTREBOOT_TEST_DB_URL (with _USER and _PASSWORD) when set, else on a PostgreSQL that
 * zonky's launcher starts once for the whole test JVM.
 */
public final class TestDatabase {
    public final String name;
    public final DataSource dataSource;
    public final String url;
    public final String user;
    public final String password;

    private TestDatabase(String name, String url, String user, String password) {
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
        this.dataSource = Database.dataSource(url, user, password);
        Database.migrate(dataSource);
    }

    /** Creates a new empty database and applies the migrations. */
    public static synchronized TestDatabase create() {
        String name = "distreboot_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String external = System.getenv("DISTREBOOT_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            String user = System.getenv("DISTREBOOT_TEST_DB_USER");
            String password = System.getenv("DISTREBOOT_TEST_DB_PASSWORD");
            execute(Database.dataSource(external, user, password), "CREATE DATABASE " + name);
            return new TestDatabase(name, withDatabase(external, name), user, password);
        }
        EmbeddedPostgres postgres = Shared.POSTGRES;
        execute(postgres.getPostgresDatabase(), "CREATE DATABASE " + name);
        return new TestDatabase(name, postgres.getJdbcUrl("postgres", name), "postgres", null);
    }

    /** Runs statements on this database, in order, on one connection. */
    public void execute(String... sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String one : sql) {
                statement.execute(one);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of every row {@code query} returns, after the {@code setup} statements on the same connection. */
    public List<String> column(String query, String... setup) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String one : setup) {
                statement.execute(one);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet result = statement.executeQuery(query)) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String withDatabase(String url, String database) {
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    private static void execute(DataSource source, String sql) {
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + e.getMessage(), e);
        }
    }

    /** One server per test JVM; zonky's shutdown hook stops it and deletes its data. */
    private static final class Shared {
        static final EmbeddedPostgres POSTGRES = start();

        private static EmbeddedPostgres start() {
            try {
                return EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                        .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the test PostgreSQL: " + e.getMessage(), e);
            }
        }
    }
}
