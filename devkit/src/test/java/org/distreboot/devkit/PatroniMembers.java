package org.distreboot.devkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * PostgreSQL under Patroni on 127.0.0.1 (recipes/patroni): on each node a Patroni and its
 * PostgreSQL, the node's service; their store a one-member etcd of its own, outside the rolling
 * restart. As root, Patroni runs as the postgres user (PostgreSQL refuses root). Its client
 * connects as applications do, to whichever host is the primary (targetServerType=primary).
 */
final class PatroniMembers implements LiveCluster {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String PASSWORD = "distreboot-test";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private LocalCluster cluster;
    private final Map<String, Integer> apiPorts = new LinkedHashMap<>();
    private final Map<String, Integer> postgresPorts = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();
    private Path dcs;
    private int dcsPort;

    @Override
    public String system() {
        return "patroni";
    }

    /** The recipes are Python: starting one, and its two calls to Patroni, take up to a second here under load. */
    @Override
    public Duration heartbeat() {
        return Duration.ofSeconds(3);
    }

    @Override
    public void configure(LocalCluster cluster, Path recipes, boolean drain) throws IOException {
        this.cluster = cluster;
        Path base = cluster.dir(cluster.nodes.get(0)).getParent();
        // The postgres user must reach its own directories.
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
        dcs = base.resolve("patroni-dcs");
        dcsPort = TemporalTestServer.freePort();
        for (String node : cluster.nodes) {
            apiPorts.put(node, TemporalTestServer.freePort());
            postgresPorts.put(node, TemporalTestServer.freePort());
        }
        for (String node : cluster.nodes) {
            Path dir = cluster.dir(node);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            Path home = Files.createDirectories(dir.resolve("patroni"));
            Files.writeString(home.resolve("patroni.yml"), config(node, home));
            if (ROOT) {
                UserPrincipalLookupService users = home.getFileSystem().getUserPrincipalLookupService();
                try (Stream<Path> files = Files.walk(home)) {
                    for (Path file : files.toList()) {
                        Files.setOwner(file, users.lookupPrincipalByName("postgres"));
                    }
                }
                Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            }
            LiveCluster.service(cluster, node, String.join("\n",
                    "cd " + home,
                    "setsid " + (ROOT ? "setpriv --reuid=postgres --regid=postgres --init-groups " : "") + "patroni "
                            + home.resolve("patroni.yml") + " >> " + dir.resolve("patroni.log") + " 2>&1 < /dev/null &",
                    "echo $! > " + dir.resolve("patroni.pid")),
                    LiveCluster.terminate(dir.resolve("patroni.pid")));
            LiveCluster.useRecipes(cluster, node, recipes, "http://127.0.0.1:" + apiPorts.get(node), drain);
        }
    }

    private String config(String node, Path home) {
        String api = "127.0.0.1:" + apiPorts.get(node);
        String postgres = "127.0.0.1:" + postgresPorts.get(node);
        return String.join("\n",
                "scope: " + cluster.name,
                "name: " + node,
                "restapi: {listen: '" + api + "', connect_address: '" + api + "'}",
                "etcd3: {hosts: '127.0.0.1:" + dcsPort + "'}",
                "bootstrap:",
                "  dcs:",
                "    ttl: 20",
                "    loop_wait: 1",
                "    retry_timeout: 5",
                "    maximum_lag_on_failover: 1048576",
                "    postgresql: {use_pg_rewind: true, parameters: {wal_log_hints: 'on'}}",
                "  initdb: [{encoding: UTF8}]",
                "postgresql:",
                "  listen: '" + postgres + "'",
                "  connect_address: '" + postgres + "'",
                "  data_dir: " + home.resolve("data"),
                "  bin_dir: " + BIN,
                "  pgpass: " + home.resolve("pgpass"),
                "  authentication:",
                "    superuser: {username: postgres, password: " + PASSWORD + "}",
                "    replication: {username: replicator, password: " + PASSWORD + "}",
                "    rewind: {username: postgres, password: " + PASSWORD + "}",
                "  pg_hba: ['local all all trust', 'host all all 127.0.0.1/32 md5',"
                        + " 'host replication replicator 127.0.0.1/32 md5']",
                "  parameters: {unix_socket_directories: '" + home + "'}",
                "");
    }

    @Override
    public void startAll(Duration patience) throws Exception {
        new ProcessBuilder("sh", "-c", "setsid etcd --name dcs --data-dir " + dcs
                + " --listen-client-urls http://127.0.0.1:" + dcsPort + " --advertise-client-urls http://127.0.0.1:"
                + dcsPort + " --listen-peer-urls http://127.0.0.1:" + TemporalTestServer.freePort() + " >> " + dcs + ".log 2>&1 < /dev/null &")
                .inheritIO().start().waitFor();
        LiveCluster.startServices(cluster);
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (leader().isPresent() && cluster.nodes.stream().allMatch(this::running)) {
                try (Connection db = connect(); PreparedStatement create = db.prepareStatement(
                        "CREATE TABLE IF NOT EXISTS writes (n integer PRIMARY KEY)")) {
                    create.execute();
                    return;
                } catch (SQLException notYet) {
                    // the primary is still starting
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Patroni had no primary with every member running within " + patience);
    }

    private boolean running(String node) {
        return get(node, "/health") == 200;
    }

    /** The node whose member is the primary, when exactly one says so. */
    @Override
    public Optional<String> leader() {
        List<String> primaries = cluster.nodes.stream().filter(node -> get(node, "/primary") == 200).toList();
        return primaries.size() == 1 ? Optional.of(primaries.get(0)) : Optional.empty();
    }

    private int get(String node, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPorts.get(node) + path))
                    .timeout(Duration.ofMillis(500)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private Connection connect() throws SQLException {
        StringBuilder hosts = new StringBuilder();
        postgresPorts.values().forEach(port -> hosts.append(hosts.isEmpty() ? "" : ",").append("127.0.0.1:").append(port));
        return DriverManager.getConnection("jdbc:postgresql://" + hosts + "/postgres?targetServerType=primary"
                + "&connectTimeout=1&socketTimeout=2&loginTimeout=2", "postgres", PASSWORD);
    }

    @Override
    public Client client() {
        return new Client() {
            private Connection db;

            @Override
            public boolean write(int n) {
                try {
                    if (db == null) {
                        db = connect();
                    }
                    try (PreparedStatement insert = db.prepareStatement(
                            "INSERT INTO writes VALUES (?) ON CONFLICT DO NOTHING")) {
                        insert.setInt(1, n);
                        insert.executeUpdate();
                        return true;
                    }
                } catch (SQLException e) {
                    close();
                    return false;
                }
            }

            @Override
            public void close() {
                if (db != null) {
                    try {
                        db.close();
                    } catch (SQLException e) {
                        // gone either way
                    }
                    db = null;
                }
            }
        };
    }

    @Override
    public List<Integer> missing(List<Integer> acknowledged) throws SQLException {
        Set<Integer> held = new HashSet<>();
        try (Connection db = connect(); PreparedStatement select = db.prepareStatement("SELECT n FROM writes");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                held.add(rows.getInt(1));
            }
        }
        return acknowledged.stream().filter(n -> !held.contains(n)).toList();
    }
}
