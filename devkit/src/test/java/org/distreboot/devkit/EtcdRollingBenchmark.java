package org.distreboot.devkit;

import java.util.ArrayList;
import java.util.List;

/**
 * bench/etcd-rolling: rolling restarts of a live 3-member etcd cluster, with and without the
 * leadership hand-off of recipes/etcd/draincmd. Prints figures; asserts nothing.
 */
public final class EtcdRollingBenchmark {
    private EtcdRollingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 1 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 2;
        System.out.printf("etcd rolling restart: 3 members on 127.0.0.1, each restart 1 s, writer retries %d ms%n",
                EtcdWriter.RETRY_BUDGET_MILLIS);
        System.out.printf("%-12s %-4s %8s  %-30s %8s %7s %9s %9s%n", "hand-off", "run", "total", "downtime a/b/c (ms)",
                "leaders", "writes", "failures", "max gap");
        for (boolean handOff : List.of(true, false)) {
            List<Long> gaps = new ArrayList<>();
            List<Integer> changes = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                EtcdRollingRestart.Result result = EtcdRollingRestart.run("bench-" + (handOff ? "handoff" : "plain")
                        + run, handOff);
                gaps.add(result.longestGapMillis());
                changes.add(result.leaderChanges());
                System.out.printf("%-12s %-4d %7.1fs  %-30s %8d %7d %9d %6d ms   order %s, leaders %s%s%n",
                        handOff ? "draincmd" : "none", run, result.total().toMillis() / 1000.0,
                        result.downtimeMillis().values(), result.leaderChanges(), result.written(), result.failures(),
                        result.longestGapMillis(), String.join(" -> ", result.rebootOrder()),
                        String.join(" -> ", result.leaders()),
                        result.leaderMovedBeforeItsReboot() ? " (moved before the leader's reboot)" : "");
            }
            System.out.printf("%-12s longest write gap: median %d ms, max %d ms; leader changes per run: %s%n%n",
                    handOff ? "draincmd" : "none", gaps.stream().sorted().toList().get(gaps.size() / 2),
                    gaps.stream().max(Long::compare).orElse(0L), changes);
        }
        System.out.println("targets: one planned leader change; longest write gap under 1 s without hand-off, "
                + "under 300 ms with it");
    }
}
