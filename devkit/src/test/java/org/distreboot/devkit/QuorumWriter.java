package org.distreboot.devkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes a new key every 10 ms while a rolling restart runs, as an application would: a write
 * that fails is tried again (its client finds the leader anew) for up to {@link #RETRY_BUDGET_MILLIS},
 * and only then given up. Alongside, it watches which member leads, to count leader changes.
 */
final class QuorumWriter implements AutoCloseable {
    static final long RETRY_BUDGET_MILLIS = 2000;
    private static final long EVERY_MILLIS = 10;

    private final LiveCluster cluster;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Integer> acknowledged = new ArrayList<>();
    private final List<Long> acknowledgedAt = new ArrayList<>();
    private final List<String> leaders = new ArrayList<>();
    private final List<Long> leaderSince = new ArrayList<>();
    private int failedAttempts;
    private int givenUp;
    private Exception broken;
    private final Thread writer = new Thread(this::writeLoop, "quorum-writer");
    private final Thread watcher = new Thread(this::watchLoop, "quorum-leader-watch");

    QuorumWriter(LiveCluster cluster) {
        this.cluster = cluster;
    }

    void start() {
        writer.start();
        watcher.start();
    }

    private void writeLoop() {
        try (LiveCluster.Client client = cluster.client()) {
            for (int n = 0; running.get(); n++) {
                long deadline = System.nanoTime() + RETRY_BUDGET_MILLIS * 1_000_000;
                boolean ok = client.write(n);
                while (!ok && System.nanoTime() < deadline) {
                    synchronized (this) {
                        failedAttempts++;
                    }
                    sleep(EVERY_MILLIS);
                    ok = client.write(n);
                }
                synchronized (this) {
                    if (ok) {
                        acknowledged.add(n);
                        acknowledgedAt.add(System.nanoTime());
                    } else {
                        failedAttempts++;
                        givenUp++;
                    }
                }
                sleep(EVERY_MILLIS);
            }
        } catch (Exception e) {
            synchronized (this) {
                broken = e;
            }
        }
    }

    private void watchLoop() {
        while (running.get()) {
            Optional<String> leader = cluster.leader();
            synchronized (this) {
                if (leader.isPresent() && (leaders.isEmpty() || !leaders.get(leaders.size() - 1).equals(leader.get()))) {
                    leaders.add(leader.get());
                    leaderSince.add(System.currentTimeMillis());
                }
            }
            sleep(50);
        }
    }

    /** The keys the cluster acknowledged, in order. */
    synchronized List<Integer> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** Attempts that were not acknowledged, the retried ones included. */
    synchronized int failedAttempts() {
        return failedAttempts;
    }

    /** Keys given up after the retry budget. */
    synchronized int givenUp() {
        return givenUp;
    }

    /** The leaders seen, in order, consecutive repeats folded. */
    synchronized List<String> leaders() {
        return List.copyOf(leaders);
    }

    /** When (epoch millis) leadership first changed hands, or -1 if it never did. */
    synchronized long firstLeaderChangeAt() {
        return leaderSince.size() > 1 ? leaderSince.get(1) : -1;
    }

    /** The longest time between two acknowledged writes, in milliseconds. */
    synchronized long longestGapMillis() {
        long longest = 0;
        for (int i = 1; i < acknowledgedAt.size(); i++) {
            longest = Math.max(longest, acknowledgedAt.get(i) - acknowledgedAt.get(i - 1));
        }
        return longest / 1_000_000;
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops writing and watching, and waits for both to end; what was written stays readable. */
    public void stop() {
        running.set(false);
        try {
            writer.join();
            watcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (broken != null) {
                throw new IllegalStateException("the writer's client broke: " + broken.getMessage(), broken);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
