package org.distreboot.devkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real etcd cluster on 127.0.0.1 (recipes/etcd), one member per node. Its client puts keys over
 * the JSON gateway of the v3 API, trying the next member when one fails.
 */
final class EtcdMembers implements LiveCluster {
    private static final Pattern LEADER = Pattern.compile("\"leader\":\"(\\d+)\"");
    private static final Pattern MEMBER = Pattern.compile("\"member_id\":\"(\\d+)\"");
    private static final Pattern KEY = Pattern.compile("\"key\":\"([^\"]+)\"");
    private static final String PREFIX = "distreboot-writer/";
    /** Reading every key back takes a slow member (a virtual machine's, emulated) a few seconds. */
    private static final Duration READ_BACK_PATIENCE = Duration.ofSeconds(20);

    private LocalCluster cluster;
    private final Map<String, String> clientUrls = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();

    EtcdMembers() {
    }

    /** Members that run elsewhere (a virtual machine's etcd service), reached at {@code clientUrls} by node. */
    static EtcdMembers at(Map<String, String> clientUrls) {
        EtcdMembers members = new EtcdMembers();
        members.clientUrls.putAll(clientUrls);
        return members;
    }

    @Override
    public String system() {
        return "etcd";
    }

    @Override
    public void configure(LocalCluster cluster, Path recipes, boolean drain) throws IOException {
        this.cluster = cluster;
        Map<String, Integer> peerPorts = new LinkedHashMap<>();
        for (String node : cluster.nodes) {
            clientUrls.put(node, "http://127.0.0.1:" + TemporalTestServer.freePort());
            peerPorts.put(node, TemporalTestServer.freePort());
        }
        List<String> initial = new ArrayList<>();
        peerPorts.forEach((node, port) -> initial.add(node + "=http://127.0.0.1:" + port));
        for (String node : cluster.nodes) {
            Path dir = cluster.dir(node);
            String client = clientUrls.get(node);
            String peer = "http://127.0.0.1:" + peerPorts.get(node);
            LiveCluster.service(cluster, node, String.join("\n",
                    "setsid etcd --name " + node + " --data-dir " + dir.resolve("etcd-data")
                            + " --listen-client-urls " + client + " --advertise-client-urls " + client
                            + " --listen-peer-urls " + peer + " --initial-advertise-peer-urls " + peer
                            + " --initial-cluster " + String.join(",", initial)
                            + " --initial-cluster-state new --initial-cluster-token " + cluster.name
                            + " >> " + dir.resolve("etcd.log") + " 2>&1 < /dev/null &",
                    "echo $! > " + dir.resolve("etcd.pid")),
                    LiveCluster.terminate(dir.resolve("etcd.pid")));
            LiveCluster.useRecipes(cluster, node, recipes, client, drain);
        }
    }

    @Override
    public void startAll(Duration patience) throws Exception {
        LiveCluster.startServices(cluster);
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (leader().isPresent()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the etcd cluster elected no leader within " + patience);
    }

    /** The node whose member is the Raft leader, as the first member that answers says. */
    @Override
    public Optional<String> leader() {
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

    @Override
    public Client client() {
        List<String> endpoints = List.copyOf(clientUrls.values());
        return new Client() {
            private int preferred;

            @Override
            public boolean write(int n) {
                String body = "{\"key\":\"" + base64(key(n)) + "\",\"value\":\"" + base64("v" + n) + "\"}";
                if (post(endpoints.get(preferred) + "/v3/kv/put", body).isPresent()) {
                    return true;
                }
                preferred = (preferred + 1) % endpoints.size();
                return false;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public List<Integer> missing(List<Integer> acknowledged) {
        String rangeEnd = PREFIX.substring(0, PREFIX.length() - 1) + (char) (PREFIX.charAt(PREFIX.length() - 1) + 1);
        for (String endpoint : clientUrls.values()) {
            Optional<String> answer = post(endpoint + "/v3/kv/range", "{\"key\":\"" + base64(PREFIX)
                    + "\",\"range_end\":\"" + base64(rangeEnd) + "\",\"keys_only\":true}", READ_BACK_PATIENCE);
            if (answer.isPresent()) {
                Set<String> held = new HashSet<>();
                Matcher key = KEY.matcher(answer.get());
                while (key.find()) {
                    held.add(new String(Base64.getDecoder().decode(key.group(1)), StandardCharsets.UTF_8));
                }
                return acknowledged.stream().filter(n -> !held.contains(key(n))).toList();
            }
        }
        throw new IllegalStateException("no etcd member answered the read-back");
    }

    private static String key(int n) {
        return PREFIX + String.format("%08d", n);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    Optional<String> post(String url, String body) {
        return post(url, body, Duration.ofMillis(500));
    }

    private Optional<String> post(String url, String body, Duration patience) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(patience).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
