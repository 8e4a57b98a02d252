package org.distreboot.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/** Connects to PostgreSQL and brings the schema up to date. */
public final class Database {
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

    /** Applies the versioned migrations under db/migration; safe to run on every start. */
    public static void migrate(DataSource source) {
        Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
    }

    public static Jdbi jdbi(DataSource source) {
        return Jdbi.create(source).installPlugin(new SqlObjectPlugin());
    }
}
