package org.distreboot.devkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * bench/disruption: rolling restarts of live 3-member etcd, Patroni and Redis Sentinel clusters,
 * with the drain recipe and without it (the leader then goes down unannounced): one line per
 * run, then the medians per system and mode. Prints figures; asserts nothing.
 */
public final class DisruptionBenchmark {
    private static final Map<String, Supplier<LiveCluster>> SYSTEMS = new LinkedHashMap<>();

    static {
        SYSTEMS.put("etcd", EtcdMembers::new);
        SYSTEMS.put("patroni", PatroniMembers::new);
        SYSTEMS.put("redis", RedisSentinels::new);
    }

    private DisruptionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        int runs = options.contains("--runs") ? Integer.parseInt(options.get(options.indexOf("--runs") + 1)) : 1;
        List<String> systems = options.contains("--system")
                ? List.of(options.get(options.indexOf("--system") + 1).split(",")) : List.copyOf(SYSTEMS.keySet());
        System.out.printf("rolling restarts of 3-member clusters on 127.0.0.1, each restart 1 s; a write every 10 ms,"
                + " retried for %d ms; %d run(s) each%n", QuorumWriter.RETRY_BUDGET_MILLIS, runs);
        List<String> medians = new ArrayList<>();
        for (String system : systems) {
            if (!SYSTEMS.containsKey(system)) {
                throw new IllegalArgumentException("no system " + system + ": one of " + SYSTEMS.keySet());
            }
            for (boolean drain : List.of(true, false)) {
                List<RollingRestart.Result> results = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    LiveCluster cluster = SYSTEMS.get(system).get();
                    RollingRestart.Result result = RollingRestart.run("bench-" + system + (drain ? "-drain" : "-plain")
                            + run, cluster, RollingRestart.recipes(cluster.recipes()), drain);
                    results.add(result);
                    System.out.println(result.line());
                }
                medians.add(String.format("median system=%s recipe=%s leader_changes=%d max_gap_ms=%d"
                                + " failed_attempts=%d lost=%d total_s=%.1f", system, drain ? "yes" : "no",
                        median(results.stream().mapToLong(RollingRestart.Result::leaderChanges).toArray()),
                        median(results.stream().mapToLong(RollingRestart.Result::longestGapMillis).toArray()),
                        median(results.stream().mapToLong(RollingRestart.Result::failedAttempts).toArray()),
                        median(results.stream().mapToLong(r -> r.lost().size()).toArray()),
                        median(results.stream().mapToLong(r -> r.total().toMillis()).toArray()) / 1000.0));
            }
        }
        System.out.println();
        medians.forEach(System.out::println);
        System.out.println("goal with the recipe: leader_changes=1 lost=0 max_gap_ms<=150");
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
