package org.distreboot.devkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real etcd cluster on 127.0.0.1, one member per node of a {@link LocalCluster}: each member
 * is its node's service, stopped and started by the node's simulated reboots, and each node's
 * distreboot uses the recipes of recipes/etcd.
 */
final class EtcdMembers {
    private static final Pattern LEADER = Pattern.compile("\"leader\":\"(\\d+)\"");
    private static final Pattern MEMBER = Pattern.compile("\"member_id\":\"(\\d+)\"");

    private final LocalCluster cluster;
    private final Map<String, String> clientUrls = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();

    private EtcdMembers(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Writes every member's start and stop scripts and points the nodes' commands at the recipes. */
    static EtcdMembers configure(LocalCluster cluster, Path recipes, boolean handOff) throws IOException {
        EtcdMembers members = new EtcdMembers(cluster);
        Map<String, Integer> peerPorts = new LinkedHashMap<>();
        for (String node : cluster.nodes) {
            members.clientUrls.put(node, "http://127.0.0.1:" + freePort());
            peerPorts.put(node, freePort());
        }
        List<String> initial = new ArrayList<>();
        peerPorts.forEach((node, port) -> initial.add(node + "=http://127.0.0.1:" + port));
        for (String node : cluster.nodes) {
            Path dir = cluster.dir(node);
            String client = members.clientUrls.get(node);
            String peer = "http://127.0.0.1:" + peerPorts.get(node);
            cluster.setService(node, String.join("\n",
                    "echo \"$(date +%s%3N)\" >> " + dir.resolve("etcd-up.log"),
                    "setsid etcd --name " + node + " --data-dir " + dir.resolve("etcd-data")
                            + " --listen-client-urls " + client + " --advertise-client-urls " + client
                            + " --listen-peer-urls " + peer + " --initial-advertise-peer-urls " + peer
                            + " --initial-cluster " + String.join(",", initial)
                            + " --initial-cluster-state new --initial-cluster-token " + cluster.name
                            + " >> " + dir.resolve("etcd.log") + " 2>&1 < /dev/null &",
                    "echo $! > " + dir.resolve("etcd.pid")),
                    String.join("\n",
                    "echo \"$(date +%s%3N)\" >> " + dir.resolve("etcd-stopping.log"),
                    "pid=$(cat " + dir.resolve("etcd.pid") + ")",
                    "kill -TERM \"$pid\"",
                    "while kill -0 \"$pid\" 2>/dev/null; do sleep 0.05; done",
                    "echo \"$(date +%s%3N)\" >> " + dir.resolve("etcd-down.log")));
            Map<String, String> commands = new LinkedHashMap<>();
            commands.put("mastercmd", recipes.resolve("mastercmd") + " " + client);
            commands.put("healthcmd", recipes.resolve("healthcmd") + " " + client);
            commands.put("draincmd", handOff ? recipes.resolve("draincmd") + " " + client : "");
            cluster.setProperties(node, commands);
        }
        return members;
    }

    /** Starts every member (as the nodes' first boot) and waits until the cluster has a leader. */
    void startAll(Duration patience) throws Exception {
        for (String node : cluster.nodes) {
            Process start = new ProcessBuilder("sh", cluster.dir(node).resolve("service-start").toString())
                    .inheritIO().start();
            start.waitFor();
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (leader().isPresent()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the etcd cluster elected no leader within " + patience);
    }

    List<String> endpoints() {
        return List.copyOf(clientUrls.values());
    }

    /** The node whose member is the Raft leader, as the first member that answers says. */
    Optional<String> leader() {
        Map<String, String> idsByNode = new LinkedHashMap<>();
        String leaderId = null;
        for (Map.Entry<String, String> member : clientUrls.entrySet()) {
            Optional<String> status = post(member.getValue() + "/v3/maintenance/status", "{}");
            if (status.isEmpty()) {
                continue;
            }
            Matcher id = MEMBER.matcher(status.get());
            Matcher leader = LEADER.matcher(status.get());
            if (id.find()) {
                idsByNode.put(member.getKey(), id.group(1));
            }
            if (leaderId == null && leader.find() && !leader.group(1).equals("0")) {
                leaderId = leader.group(1);
            }
        }
        String wanted = leaderId;
        return idsByNode.entrySet().stream().filter(e -> e.getValue().equals(wanted)).map(Map.Entry::getKey).findFirst();
    }

    Optional<String> post(String url, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMillis(500)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
