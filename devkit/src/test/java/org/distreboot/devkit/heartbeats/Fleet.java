package org.distreboot.devkit.heartbeats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.distreboot.db.Heartbeat;
import org.distreboot.db.HeartbeatStore;

/**
 * Simulated nodes of one cluster posting through the real store, from worker threads sharing a
 * pool; each node keeps the database time of its previous post, as a daemon does.
 */
final class Fleet {
    static final String CLUSTER = "fleet";
    private static final Duration TTL = Duration.ofSeconds(20);
    private static final Duration PURGE_AGE = Duration.ofHours(24);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final HeartbeatStore store;
    private final int nodes;
    private final Duration interval;
    private final Heartbeat[] heartbeats;
    private final Instant[] previous;

    Fleet(HeartbeatStore store, int nodes, Duration interval) {
        this.store = store;
        this.nodes = nodes;
        this.interval = interval;
        this.heartbeats = new Heartbeat[nodes];
        this.previous = new Instant[nodes];
        Instant started = Instant.now();
        for (int node = 0; node < nodes; node++) {
            String boot = UUID.randomUUID().toString();
            heartbeats[node] = new Heartbeat(CLUSTER, String.format(Locale.ROOT, "node-%05d", node), boot,
                    UUID.randomUUID().toString(), started, node == 0 ? "master" : "member", true, "0.1.0")
                    .from("host-" + node + " (machine " + boot.substring(0, 8) + ", boot " + boot + ")", boot);
        }
    }

    /** Every node's first post (an insert); not counted. */
    void firstPosts(int threads) throws Exception {
        AtomicLong next = new AtomicLong();
        onThreads(threads, () -> {
            for (long k = next.getAndIncrement(); k < nodes; k = next.getAndIncrement()) {
                post((int) k);
            }
            return null;
        });
    }

    /**
     * Posts for {@code length}: paced, each node once an interval and a purge per node a minute;
     * else flat out, posts only.
     */
    Result run(Duration length, int threads, boolean paced) throws Exception {
        long purgeEvery = Math.max(1, PURGE_EVERY.toNanos() / interval.toNanos());
        long gap = interval.toNanos() / nodes;
        long start = System.nanoTime();
        long end = start + length.toNanos();
        AtomicLong next = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> purges = Collections.synchronizedList(new ArrayList<>());
        List<Long> lastDone = Collections.synchronizedList(new ArrayList<>());
        onThreads(threads, () -> {
            List<Long> mine = new ArrayList<>();
            List<Long> myPurges = new ArrayList<>();
            long done = start;
            while (true) {
                long k = next.getAndIncrement();
                long due = paced ? start + k * gap : System.nanoTime();
                if (due >= end) {
                    break;
                }
                LockSupport.parkNanos(due - System.nanoTime());
                int node = (int) (k % nodes);
                post(node);
                done = System.nanoTime();
                mine.add(done - due);
                if (paced && (k / nodes + node) % purgeEvery == 0) {
                    long purgeStart = System.nanoTime();
                    store.purge(PURGE_AGE);
                    myPurges.add(System.nanoTime() - purgeStart);
                }
            }
            latencies.addAll(mine);
            purges.addAll(myPurges);
            lastDone.add(done);
            return null;
        });
        long took = Collections.max(lastDone) - start;
        return new Result(paced, nodes, interval, threads, took, HeartbeatBenchmark.sorted(latencies),
                HeartbeatBenchmark.sorted(purges));
    }

    private void post(int node) {
        previous[node] = store.post(heartbeats[node], TTL, previous[node]);
    }

    private static void onThreads(int threads, Callable<Void> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                running.add(pool.submit(work));
            }
            for (Future<Void> one : running) {
                one.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** One run's figures: latency counted from when each post was due (paced) or began (flat out). */
    record Result(boolean paced, int nodes, Duration interval, int connections, long tookNanos, List<Long> latencies,
                  List<Long> purges) {
        String line() {
            double perSecond = latencies.size() / (tookNanos / 1e9);
            String line = String.format(Locale.ROOT,
                    "mode=%s nodes=%d interval_s=%d connections=%d writes=%d seconds=%.1f writes_per_s=%.0f"
                            + " target_per_s=%d p50_ms=%s p99_ms=%s max_ms=%s",
                    paced ? "paced" : "flat-out", nodes, interval.toSeconds(), connections, latencies.size(),
                    tookNanos / 1e9, perSecond, nodes / interval.toSeconds(),
                    HeartbeatBenchmark.millis(HeartbeatBenchmark.quantile(latencies, 0.5)),
                    HeartbeatBenchmark.millis(HeartbeatBenchmark.quantile(latencies, 0.99)),
                    HeartbeatBenchmark.millis(latencies.get(latencies.size() - 1)));
            if (purges.isEmpty()) {
                return line;
            }
            return line + String.format(Locale.ROOT, " purges=%d purge_p50_ms=%s purge_p99_ms=%s", purges.size(),
                    HeartbeatBenchmark.millis(HeartbeatBenchmark.quantile(purges, 0.5)),
                    HeartbeatBenchmark.millis(HeartbeatBenchmark.quantile(purges, 0.99)));
        }
    }
}
