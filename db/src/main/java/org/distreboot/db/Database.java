package org.distreboot.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/** Connects to PostgreSQL and brings the schema up to date. */
public final class Database {
    /**
     * pgjdbc logs through java.util.logging, to stderr: what it says of a failed connection (a
     * certificate for another name, say), the caller says again in its own one line. Held here, as
     * java.util.logging keeps a logger's level only while someone holds the logger.
     */
    private static final Logger PGJDBC = Logger.getLogger("org.postgresql");

    static {
        PGJDBC.setLevel(Level.OFF);
    }

    /** How long a pooled connection is waited for, PostgreSQL being away or every connection busy. */
    private static final Duration POOL_WAIT = Duration.ofSeconds(2);

    private Database() {
    }

    public static DataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        if (user != null) {
            source.setUser(user);
        }
        if (password != null) {
            source.setPassword(password);
        }
        source.setConnectTimeout(5);
        source.setSocketTimeout(30);
        source.setApplicationName("distreboot");
        return source;
    }

    /**
     * At most {@code size} connections to {@code source}'s server, one kept open: a daemon's
     * heartbeats and looks reuse them, and with them the statements the driver has prepared on the
     * server (from a statement's fifth use). Never fails for a server that is away: a connection
     * asked for then fails after {@link #POOL_WAIT}, naming the driver's reason as its cause, and the
     * pool reconnects by itself once the server is back.
     */
    public static HikariDataSource pool(DataSource source, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("distreboot-postgres");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(POOL_WAIT.toMillis());
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /**
     * The stores' JDBI over {@code source}: SqlObject, text arrays for the node lists, and a failed
     * statement's message the driver's own (no SQL, no bound values: it may reach a log or the history).
     */
    public static Jdbi jdbi(DataSource source) {
        Jdbi jdbi = Jdbi.create(source).installPlugin(new SqlObjectPlugin()).registerArrayType(String.class, "text");
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(failed -> failed.getCause() == null
                ? failed.getClass().getSimpleName() : failed.getCause().getMessage());
        return jdbi;
    }

    /** The newest migration under db/migration; DatabaseTest keeps the two in step. */
    public static final int SCHEMA_VERSION = 9;

    /**
     * Applies the versioned migrations under db/migration; safe to run on every start. When the
     * schema is already current it only asks, because Flyway's own check costs a daemon's
     * start-up most of a second.
     */
    public static void migrate(DataSource source) {
        if (schemaVersion(source) != SCHEMA_VERSION) {
            Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
        }
    }

    /** The highest migration applied successfully, 0 on an empty database. */
    static int schemaVersion(DataSource source) {
        try (Connection connection = source.getConnection();
             Statement statement = connection.createStatement()) {
            ResultSet exists = statement.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL");
            exists.next();
            if (!exists.getBoolean(1)) {
                return 0;
            }
            ResultSet version = statement.executeQuery(
                    "SELECT coalesce(max(version::int), 0) FROM flyway_schema_history WHERE success");
            version.next();
            return version.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
