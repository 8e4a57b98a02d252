package org.distreboot.worker;

import java.util.concurrent.ThreadFactory;

/** Named daemon threads: none of the daemon's helpers may keep a stopping JVM alive. */
final class DaemonThreads {
    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
