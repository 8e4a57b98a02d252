package org.distreboot.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A daemon's pooled connections: kept open and reused, and back by themselves after the server ends them. */
class PoolTest {
    private static TestDatabase db;
    private HikariDataSource pool;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.create();
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    private static Heartbeat heartbeat(int beat) {
        return new Heartbeat("prod", "node-a", "boot-" + beat, "daemon-a", Instant.parse("2026-01-01T00:00:00Z"),
                "member", true, "0.1.0");
    }

    /** The sessions of the pool's database other than the one asking; the pool's are idle between posts. */
    private static String sessions() {
        return db.column("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid()").get(0);
    }

    @Test
    void givenPool_twentyPostsUseOneSession_andTheDriverPreparedTheUpsertOnIt() throws SQLException {
        pool = Database.pool(Database.dataSource(db.url, db.user, db.password), 1);
        HeartbeatStore store = HeartbeatStore.on(Database.jdbi(pool));

        for (int beat = 0; beat < 20; beat++) {
            store.post(heartbeat(beat), Duration.ofSeconds(20));
        }

        assertThat(sessions()).isEqualTo("1");
        assertThat(store.list("prod").nodes().get(0).bootId()).isEqualTo("boot-19");
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet prepared = statement.executeQuery(
                     "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO node_heartbeat%'")) {
            prepared.next();
            assertThat(prepared.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void givenTheServerEndedThePooledSession_theNextPostGetsANewOne() throws InterruptedException {
        pool = Database.pool(Database.dataSource(db.url, db.user, db.password), 1);
        HeartbeatStore store = HeartbeatStore.on(Database.jdbi(pool));
        store.post(heartbeat(1), Duration.ofSeconds(20));

        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid()");
        // The pool checks a connection it hands out once that connection has been idle for half a second.
        Thread.sleep(600);
        store.post(heartbeat(2), Duration.ofSeconds(20));

        assertThat(store.list("prod").nodes().get(0).bootId()).isEqualTo("boot-2");
    }

    @Test
    void givenNoServer_theConnectionFailsNamingTheDriversReason() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DataSource nowhere = Database.dataSource("jdbc:postgresql://127.0.0.1:" + closedPort + "/distreboot", "x", null);
        pool = Database.pool(nowhere, 1);

        Throwable failure = catchThrowable(pool::getConnection);

        assertThat(failure).isInstanceOf(SQLException.class).hasRootCauseInstanceOf(java.net.ConnectException.class);
    }
}
