package org.distreboot.client;

import java.util.concurrent.ThreadFactory;

/** Named daemon threads: none of the daemon's helpers may keep a stopping JVM alive. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
