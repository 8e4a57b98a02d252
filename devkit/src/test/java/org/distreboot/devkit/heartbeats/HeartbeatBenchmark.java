package org.distreboot.devkit.heartbeats;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.distreboot.db.Database;
import org.distreboot.db.HeartbeatStore;
import org.distreboot.devkit.LocalPostgres;

/**
 * bench/heartbeats: the real heartbeat store, driven from one process as a fleet of simulated
 * nodes, on a PostgreSQL of its own that syncs every commit to disk (as a production server does).
 * Each node posts every interval and, like a daemon, purges once a minute; the posts are paced
 * (node i at i × interval / nodes into each round) and their latency is counted from when they
 * were due, so a store that falls behind shows it. Then the same posts flat out, for the capacity;
 * then the status read of every row; last, flat out again with a new connection for every post, as
 * daemons posted before they kept a pool. Prints figures; asserts nothing.
 */
public final class HeartbeatBenchmark {
    private static final String USAGE =
            "usage: bench/heartbeats [--nodes 10000] [--interval-seconds 5] [--seconds 60] [--connections 16]";

    private HeartbeatBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = 10_000;
        int intervalSeconds = 5;
        int seconds = 60;
        int connections = 16;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(USAGE);
            }
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--interval-seconds" -> intervalSeconds = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException(USAGE);
            }
        }
        Path home = Path.of("devkit", "target", "bench-heartbeats").toAbsolutePath();
        delete(home);
        try (LocalPostgres postgres = durable(LocalPostgres.at(home, freePort())).start()) {
            postgres.createDatabase("fleet");
            try (HikariDataSource pool = Database.pool(postgres.dataSource("fleet"), connections)) {
                Database.migrate(pool);
                HeartbeatStore store = HeartbeatStore.on(Database.jdbi(pool));
                Fleet fleet = new Fleet(store, nodes, Duration.ofSeconds(intervalSeconds));
                fleet.firstPosts(connections);
                System.out.println(fleet.run(Duration.ofSeconds(seconds), connections, true).line());
                System.out.println(fleet.run(Duration.ofSeconds(Math.max(10, seconds / 3)), connections, false).line());
                System.out.println(StatusRead.of(store, nodes).line());
            }
            // Before the pool: a connection of its own for every statement.
            Fleet unpooled = new Fleet(HeartbeatStore.on(Database.jdbi(postgres.dataSource("fleet"))), nodes,
                    Duration.ofSeconds(intervalSeconds));
            System.out.println(unpooled.run(Duration.ofSeconds(10), connections, false).line().replace(
                    "mode=flat-out", "mode=flat-out-unpooled"));
        }
    }

    /** PostgreSQL's own defaults for durability, which the test servers turn off for speed. */
    private static LocalPostgres durable(LocalPostgres postgres) {
        return postgres.withSetting("fsync", "on").withSetting("full_page_writes", "on")
                .withSetting("synchronous_commit", "on").withSetting("max_connections", "100");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path home) throws IOException {
        if (Files.exists(home)) {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The figures' millisecond form: one decimal. */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** The {@code fraction} quantile of sorted {@code values}. */
    static long quantile(List<Long> sorted, double fraction) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(fraction * sorted.size())));
    }

    static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }
}
