package org.distreboot.devkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a new key into etcd continuously while a rolling restart runs, as a client would: each
 * write tries the members in turn for up to {@link #RETRY_BUDGET_MILLIS}, and only then counts
 * as failed. Alongside, it watches which member leads, to count leader changes.
 */
final class EtcdWriter implements AutoCloseable {
    static final long RETRY_BUDGET_MILLIS = 2000;
    private static final String PREFIX = "distreboot-writer/";
    private static final Pattern COUNT = Pattern.compile("\"count\":\"(\\d+)\"");

    private final EtcdMembers members;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Long> successes = new ArrayList<>();
    private final List<String> leaders = new ArrayList<>();
    private final List<Long> leaderSince = new ArrayList<>();
    private int failures;
    private int written;
    private final Thread writer = new Thread(this::writeLoop, "etcd-writer");
    private final Thread watcher = new Thread(this::watchLoop, "etcd-leader-watch");

    EtcdWriter(EtcdMembers members) {
        this.members = members;
    }

    void start() {
        writer.start();
        watcher.start();
    }

    private void writeLoop() {
        int preferred = 0;
        List<String> endpoints = members.endpoints();
        while (running.get()) {
            String key = PREFIX + String.format("%08d", written);
            String body = "{\"key\":\"" + base64(key) + "\",\"value\":\"" + base64("v" + written) + "\"}";
            long deadline = System.nanoTime() + RETRY_BUDGET_MILLIS * 1_000_000;
            boolean ok = false;
            for (int attempt = 0; !ok && System.nanoTime() < deadline; attempt++) {
                String endpoint = endpoints.get((preferred + attempt) % endpoints.size());
                ok = members.post(endpoint + "/v3/kv/put", body).isPresent();
                if (ok) {
                    preferred = (preferred + attempt) % endpoints.size();
                } else {
                    sleep(20);
                }
            }
            synchronized (this) {
                if (ok) {
                    written++;
                    successes.add(System.nanoTime());
                } else {
                    failures++;
                }
            }
            sleep(10);
        }
    }

    private void watchLoop() {
        while (running.get()) {
            Optional<String> leader = members.leader();
            synchronized (this) {
                if (leader.isPresent() && (leaders.isEmpty() || !leaders.get(leaders.size() - 1).equals(leader.get()))) {
                    leaders.add(leader.get());
                    leaderSince.add(System.currentTimeMillis());
                }
            }
            sleep(50);
        }
    }

    synchronized int written() {
        return written;
    }

    synchronized int failures() {
        return failures;
    }

    /** The leaders seen, in order, consecutive repeats folded. */
    synchronized List<String> leaders() {
        return List.copyOf(leaders);
    }

    /** When (epoch millis) leadership first changed hands, or -1 if it never did. */
    synchronized long firstLeaderChangeAt() {
        return leaderSince.size() > 1 ? leaderSince.get(1) : -1;
    }

    /** The longest time between two successful writes, in milliseconds. */
    synchronized long longestGapMillis() {
        long longest = 0;
        for (int i = 1; i < successes.size(); i++) {
            longest = Math.max(longest, successes.get(i) - successes.get(i - 1));
        }
        return longest / 1_000_000;
    }

    /** How many of the writer's keys etcd holds now. */
    long keysInEtcd() {
        String rangeEnd = PREFIX.substring(0, PREFIX.length() - 1) + (char) (PREFIX.charAt(PREFIX.length() - 1) + 1);
        for (String endpoint : members.endpoints()) {
            Optional<String> answer = members.post(endpoint + "/v3/kv/range", "{\"key\":\"" + base64(PREFIX)
                    + "\",\"range_end\":\"" + base64(rangeEnd) + "\",\"count_only\":true}");
            if (answer.isPresent()) {
                Matcher count = COUNT.matcher(answer.get());
                return count.find() ? Long.parseLong(count.group(1)) : 0;
            }
        }
        throw new IllegalStateException("no etcd member answered the read-back");
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
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
