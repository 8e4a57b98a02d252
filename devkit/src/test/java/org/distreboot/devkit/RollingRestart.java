package org.distreboot.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rolling restart of a live quorum cluster by distreboot, with a writer writing all along:
 * what the end-to-end tests check and bench/disruption measures.
 */
final class RollingRestart {
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    /**
     * @param lost                        acknowledged keys the cluster no longer holds
     * @param leaderMovedBeforeItsReboot whether leadership changed hands before the initial leader's
     *                                    service was told to stop (the draincmd's hand-off), not during its shutdown
     */
    record Result(String system, boolean drain, String initialLeader, List<String> rebootOrder, List<String> leaders,
                  int written, int failedAttempts, int givenUp, List<Integer> lost, long longestGapMillis,
                  Duration total, Map<String, Long> downtimeMillis, boolean leaderMovedBeforeItsReboot) {
        int leaderChanges() {
            return leaders.size() - 1;
        }

        /** The benchmark's line: {@code system=patroni recipe=yes leader_changes=1 max_gap_ms=140 …}. */
        String line() {
            return String.format("system=%s recipe=%s leader_changes=%d max_gap_ms=%d failed_attempts=%d lost=%d"
                            + " total_s=%.1f written=%d given_up=%d moved_before_reboot=%s order=%s leaders=%s",
                    system, drain ? "yes" : "no", leaderChanges(), longestGapMillis, failedAttempts, lost.size(),
                    total.toMillis() / 1000.0, written, givenUp, leaderMovedBeforeItsReboot ? "yes" : "no",
                    String.join(",", rebootOrder), String.join(",", leaders));
        }
    }

    private RollingRestart() {
    }

    /** The system's recipes: recipes/SYSTEM beside the project, or where distreboot.recipes says. */
    static Path recipes(String directory) {
        return Path.of(System.getProperty("distreboot.recipes", "../recipes")).resolve(directory).toAbsolutePath()
                .normalize();
    }

    static Result run(String name, LiveCluster system, Path recipes, boolean drain) throws Exception {
        try (E2eCluster cluster = E2eCluster.create(name, LocalCluster.Options.defaults()
                .withRebootTimeout(Duration.ofMinutes(2)).withHeartbeat(system.heartbeat()))) {
            system.configure(cluster, recipes, drain);
            system.startAll(Duration.ofSeconds(60));
            cluster.startDaemons();
            String initialLeader = system.leader().orElseThrow();
            // As an operator would: every member healthy (replicas streaming), the leader known as the master.
            cluster.awaitReadyWithMaster(initialLeader, PATIENCE);

            QuorumWriter writer = new QuorumWriter(system);
            writer.start();
            JsonNode end;
            try {
                Thread.sleep(1000);
                CliResult reboot = cluster.cli(cluster.nodes.get(0), "--reboot");
                if (reboot.exitCode() != 0) {
                    throw new IllegalStateException("--reboot refused: " + reboot);
                }
                end = cluster.awaitStatus(s -> s.path("reboot").path("state").asText().equals("COMPLETED"), PATIENCE);
                Thread.sleep(1000);
            } finally {
                writer.stop();
            }
            Map<String, Long> downtime = new LinkedHashMap<>();
            for (String node : cluster.nodes) {
                List<Long> down = cluster.times(node, "service-stopping.log");
                List<Long> up = cluster.times(node, "service-up.log");
                downtime.put(node, down.isEmpty() ? -1 : up.get(up.size() - 1) - down.get(0));
            }
            Duration total = Duration.between(Instant.parse(end.path("reboot").path("startedAt").asText()),
                    Instant.parse(end.path("reboot").path("finishedAt").asText()));
            // A leader told to stop may hand over by itself; the draincmd does it before.
            long changed = writer.firstLeaderChangeAt();
            List<Long> leaderStopping = cluster.times(initialLeader, "service-stopping.log");
            boolean movedFirst = changed > 0 && !leaderStopping.isEmpty() && changed < leaderStopping.get(0);
            List<Integer> acknowledged = writer.acknowledged();
            return new Result(system.system(), drain, initialLeader, cluster.rebootOrder(), writer.leaders(),
                    acknowledged.size(), writer.failedAttempts(), writer.givenUp(), system.missing(acknowledged),
                    writer.longestGapMillis(), total, downtime, movedFirst);
        }
    }
}
