package org.distreboot.devkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks at every process's command line, as ps shows it to any user, every few milliseconds while
 * open, and keeps those that hold a secret. Short-lived commands that run again and again (a
 * recipe's redis-cli each heartbeat) cannot pass it unseen for a whole run.
 */
final class CommandLineWatch implements AutoCloseable {
    private static final long EVERY_MS = 10;

    private final String secret;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean open = true;
    private volatile long scans;

    private CommandLineWatch(String secret) {
        this.secret = secret;
        this.thread = new Thread(this::watch, "command-line-watch");
        thread.setDaemon(true);
    }

    static CommandLineWatch of(String secret) {
        CommandLineWatch watch = new CommandLineWatch(secret);
        watch.thread.start();
        return watch;
    }

    private void watch() {
        while (open) {
            Leftovers.commandLines().filter(line -> line.contains(secret)).forEach(seen::add);
            scans++;
            try {
                Thread.sleep(EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** How many times it looked at every process. */
    long scans() {
        return scans;
    }

    /** The command lines that held the secret. */
    List<String> seen() {
        return new ArrayList<>(seen);
    }

    /** Stops looking, once the look under way ends. */
    @Override
    public void close() {
        open = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
