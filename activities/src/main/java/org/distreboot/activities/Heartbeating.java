package org.distreboot.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a piece of an activity while telling Temporal, twice a second, that the attempt is
 * alive: an attempt lost with a dying daemon is then retried within the heartbeat timeout.
 */
final class Heartbeating {
    private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "activity-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private Heartbeating() {
    }

    static <T> T during(Supplier<T> work) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        ScheduledFuture<?> ticks = TICKS.scheduleAtFixedRate(() -> context.heartbeat(null), 0, 500,
                TimeUnit.MILLISECONDS);
        try {
            return work.get();
        } finally {
            ticks.cancel(false);
        }
    }
}
