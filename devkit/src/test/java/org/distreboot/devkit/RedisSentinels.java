package org.distreboot.devkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Redis under Sentinel on 127.0.0.1 (recipes/redis-sentinel): on each node a Redis and a Sentinel,
 * both the node's service, node-b's Redis the first master. Redis keeps an append-only file, as a
 * master that restarts must. Its client asks the Sentinels for the master, as Sentinel's client
 * guidelines say: a Sentinel names it, then ROLE on that Redis confirms it. With a password, each
 * Redis requires it (of clients and of its replicas' links), the Sentinels are given it, and the
 * recipes read it from a file of the node's (REDIS_AUTH_FILE).
 */
final class RedisSentinels implements LiveCluster {
    static final String MASTER_NAME = "mymaster";
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final String PREFIX = "distreboot-writer:";
    /**
     * Redis rewrites its command line to "redis-server 127.0.0.1:PORT"; with its configuration
     * file's path kept there, the cluster's end finds and stops it as it does whatever else names
     * the cluster's directory.
     */
    private static final String KEEP_CONFIG_IN_TITLE = "proc-title-template \"{title} {listen-addr} {server-mode} {config-file}\"";

    private final String password;
    private LocalCluster cluster;
    private final Map<String, Integer> redisPorts = new LinkedHashMap<>();
    private final Map<String, Integer> sentinelPorts = new LinkedHashMap<>();

    /** Redis without a password. */
    RedisSentinels() {
        this(null);
    }

    /** Redis that requires {@code password}; none when null. */
    RedisSentinels(String password) {
        this.password = password;
    }

    @Override
    public String system() {
        return "redis";
    }

    @Override
    public String recipes() {
        return "redis-sentinel";
    }

    @Override
    public void configure(LocalCluster cluster, Path recipes, boolean drain) throws IOException {
        this.cluster = cluster;
        for (String node : cluster.nodes) {
            redisPorts.put(node, TemporalTestServer.freePort());
            sentinelPorts.put(node, TemporalTestServer.freePort());
        }
        int firstMaster = redisPorts.get(cluster.nodes.get(1));
        for (String node : cluster.nodes) {
            Path dir = cluster.dir(node);
            int port = redisPorts.get(node);
            List<String> redis = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + dir,
                    "appendonly yes", "save \"\"", "repl-diskless-sync-delay 0", KEEP_CONFIG_IN_TITLE));
            if (port != firstMaster) {
                redis.add("replicaof 127.0.0.1 " + firstMaster);
            }
            List<String> sentinel = new ArrayList<>(List.of("port " + sentinelPorts.get(node), "bind 127.0.0.1",
                    "dir " + dir, KEEP_CONFIG_IN_TITLE, "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + firstMaster + " 2",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                    "sentinel failover-timeout " + MASTER_NAME + " 10000"));
            String environment = "";
            if (password != null) {
                redis.addAll(List.of("requirepass " + password, "masterauth " + password));
                sentinel.add("sentinel auth-pass " + MASTER_NAME + " " + password);
                Path authFile = Files.writeString(dir.resolve("redis-auth"), password);
                Files.setPosixFilePermissions(authFile, PosixFilePermissions.fromString("rw-------"));
                environment = "REDIS_AUTH_FILE=" + authFile + " ";
            }
            Files.write(dir.resolve("redis.conf"), redis);
            Files.write(dir.resolve("sentinel.conf"), sentinel);
            LiveCluster.service(cluster, node, String.join("\n",
                    "setsid redis-server " + dir.resolve("redis.conf") + " >> " + dir.resolve("redis.log")
                            + " 2>&1 < /dev/null &",
                    "echo $! > " + dir.resolve("redis.pid"),
                    "setsid redis-sentinel " + dir.resolve("sentinel.conf") + " >> " + dir.resolve("sentinel.log")
                            + " 2>&1 < /dev/null &",
                    "echo $! > " + dir.resolve("sentinel.pid")),
                    // A host's shutdown stops both at once.
                    "kill -TERM $(cat " + dir.resolve("sentinel.pid") + ")\n"
                            + LiveCluster.terminate(dir.resolve("redis.pid")) + "\n"
                            + LiveCluster.terminate(dir.resolve("sentinel.pid")));
            LiveCluster.useRecipes(cluster, node, environment, recipes, "127.0.0.1:" + port + " 127.0.0.1:" + sentinelPorts.get(node)
                    + " " + MASTER_NAME, drain);
        }
    }

    @Override
    public void startAll(Duration patience) throws Exception {
        LiveCluster.startServices(cluster);
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (leader().isPresent() && replicasInSync()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Redis under Sentinel had no master with its replicas in sync within " + patience);
    }

    private boolean replicasInSync() {
        return cluster.nodes.stream().allMatch(node -> info(redisPorts.get(node)).map(info -> info.contains("role:master")
                || info.contains("master_link_status:up")).orElse(false));
    }

    /** The node whose Redis says it is a master, when exactly one does. */
    @Override
    public Optional<String> leader() {
        List<String> masters = cluster.nodes.stream().filter(node -> info(redisPorts.get(node))
                .map(info -> info.contains("role:master")).orElse(false)).toList();
        return masters.size() == 1 ? Optional.of(masters.get(0)) : Optional.empty();
    }

    private Optional<String> info(int port) {
        try (Resp redis = redis("127.0.0.1", port)) {
            return Optional.of((String) redis.call("INFO", "replication"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Client client() {
        return new Client() {
            private Resp master;

            @Override
            public boolean write(int n) {
                try {
                    if (master == null) {
                        master = findMaster();
                    }
                    return "OK".equals(master.call("SET", PREFIX + n, "v" + n));
                } catch (IOException e) {
                    close();
                    return false;
                }
            }

            @Override
            public void close() {
                if (master != null) {
                    master.close();
                    master = null;
                }
            }
        };
    }

    /**
     * The master as a Sentinel names it, once it says so itself. Sentinels learn of a failover one
     * after the other (the others from the one that made it, within seconds): when the master one
     * names is not one, the next is asked, as a client tries the next Sentinel when one fails it.
     */
    private Resp findMaster() throws IOException {
        for (int sentinelPort : sentinelPorts.values()) {
            List<?> address;
            try (Resp sentinel = Resp.connect("127.0.0.1", sentinelPort, TIMEOUT)) {
                address = (List<?>) sentinel.call("SENTINEL", "get-master-addr-by-name", MASTER_NAME);
            } catch (IOException e) {
                continue;
            }
            if (address == null) {
                continue;
            }
            Resp redis;
            try {
                redis = redis((String) address.get(0), Integer.parseInt((String) address.get(1)));
            } catch (IOException e) {
                continue;
            }
            try {
                if ("master".equals(((List<?>) redis.call("ROLE")).get(0))) {
                    return redis;
                }
            } catch (IOException e) {
                // not answering: as good as not a master
            }
            redis.close();
        }
        throw new IOException("no Sentinel names a master that says it is one");
    }

    /** A connection to a Redis, authenticated when it has a password. */
    private Resp redis(String host, int port) throws IOException {
        Resp redis = Resp.connect(host, port, TIMEOUT);
        if (password != null) {
            try {
                redis.call("AUTH", password);
            } catch (IOException e) {
                redis.close();
                throw e;
            }
        }
        return redis;
    }

    @Override
    public List<Integer> missing(List<Integer> acknowledged) throws Exception {
        List<Integer> missing = new ArrayList<>();
        try (Resp master = findMaster()) {
            for (int from = 0; from < acknowledged.size(); from += 500) {
                List<Integer> batch = acknowledged.subList(from, Math.min(from + 500, acknowledged.size()));
                String[] command = new String[batch.size() + 1];
                command[0] = "MGET";
                for (int i = 0; i < batch.size(); i++) {
                    command[i + 1] = PREFIX + batch.get(i);
                }
                List<?> values = (List<?>) master.call(command);
                for (int i = 0; i < batch.size(); i++) {
                    if (!("v" + batch.get(i)).equals(values.get(i))) {
                        missing.add(batch.get(i));
                    }
                }
            }
        }
        return missing;
    }
}
