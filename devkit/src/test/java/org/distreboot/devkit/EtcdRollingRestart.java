package org.distreboot.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rolling restart of a live 3-member etcd cluster by distreboot, with a writer putting keys
 * all along: what the end-to-end test checks and bench/etcd-rolling measures.
 */
final class EtcdRollingRestart {
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /**
     * @param leaderMovedBeforeItsReboot whether leadership changed hands before the initial leader's
     *                                   member was told to stop (the draincmd's hand-off), not during its shutdown
     */
    record Result(String initialLeader, List<String> rebootOrder, List<String> leaders, int written, int failures,
                  long keysInEtcd, long longestGapMillis, Duration total, Map<String, Long> downtimeMillis,
                  boolean leaderMovedBeforeItsReboot) {
        int leaderChanges() {
            return leaders.size() - 1;
        }
    }

    private EtcdRollingRestart() {
    }

    static Result run(String name, boolean handOff) throws Exception {
        Path recipes = Path.of(System.getProperty("distreboot.recipes", "../recipes/etcd")).toAbsolutePath().normalize();
        try (E2eCluster cluster = E2eCluster.create(name, LocalCluster.Options.defaults()
                .withRebootTimeout(Duration.ofMinutes(2)))) {
            EtcdMembers members = EtcdMembers.configure(cluster, recipes, handOff);
            members.startAll(Duration.ofSeconds(30));
            cluster.startDaemons();
            String initialLeader = members.leader().orElseThrow();
            cluster.awaitStatus(s -> E2eCluster.stream(s.path("nodes")).anyMatch(n ->
                    n.path("node").asText().equals(initialLeader) && n.path("role").asText().equals("master")), PATIENCE);

            try (EtcdWriter writer = new EtcdWriter(members)) {
                writer.start();
                Thread.sleep(1000);
                CliResult reboot = cluster.cli(cluster.nodes.get(0), "--reboot");
                if (reboot.exitCode() != 0) {
                    throw new IllegalStateException("--reboot refused: " + reboot);
                }
                JsonNode end = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"),
                        PATIENCE);
                Thread.sleep(1000);
                writer.stop();
                Map<String, Long> downtime = new LinkedHashMap<>();
                for (String node : cluster.nodes) {
                    List<Long> down = cluster.times(node, "etcd-down.log");
                    List<Long> up = cluster.times(node, "etcd-up.log");
                    downtime.put(node, down.isEmpty() ? -1 : up.get(up.size() - 1) - down.get(0));
                }
                Duration total = Duration.between(Instant.parse(end.path("reboot").path("startedAt").asText()),
                        Instant.parse(end.path("reboot").path("finishedAt").asText()));
                // etcd hands leadership over by itself once told to stop; the draincmd does it before.
                long changed = writer.firstLeaderChangeAt();
                List<Long> leaderStopping = cluster.times(initialLeader, "etcd-stopping.log");
                boolean movedFirst = changed > 0 && !leaderStopping.isEmpty() && changed < leaderStopping.get(0);
                return new Result(initialLeader, cluster.rebootOrder(), writer.leaders(), writer.written(),
                        writer.failures(), writer.keysInEtcd(), writer.longestGapMillis(), total, downtime, movedFirst);
            }
        }
    }
}
