package org.distreboot.workflow;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Waits the operator can cut short, each timer with a summary for the UI. Workflow code: deterministic. */
public final class Waits {
    private Waits() {
    }

    /**
     * Starts {@code call} and waits for it, unless {@code interrupted} holds first: then the call is
     * cancelled and null returned. If {@code stallAt} (may be null) passes first, {@code onStall}
     * runs once and the wait goes on.
     */
    public static <R> Promise<R> callUnless(Supplier<Boolean> interrupted, Functions.Func<Promise<R>> call,
                                     Instant stallAt, String deadlineSummary, Runnable onStall) {
        List<Promise<R>> started = new ArrayList<>(1);
        CancellationScope scope = Workflow.newCancellationScope(() -> {
            started.add(call.apply());
        });
        scope.run();
        Promise<R> result = started.get(0);
        if (stallAt != null) {
            Duration patience = Duration.between(now(), stallAt);
            if (!patience.isNegative() && !patience.isZero()) {
                pause(patience, deadlineSummary, () -> result.isCompleted() || interrupted.get());
            }
            if (!result.isCompleted() && !interrupted.get()) {
                onStall.run();
            }
        }
        Workflow.await(() -> result.isCompleted() || interrupted.get());
        if (!result.isCompleted()) {
            scope.cancel();
            expectCancellation(result);
            return null;
        }
        return result;
    }

    /** A timer with a summary, cut short (and cancelled) as soon as {@code until} holds. */
    static void pause(Duration duration, String summary, Supplier<Boolean> until) {
        List<Promise<Void>> timer = new ArrayList<>(1);
        CancellationScope scope = Workflow.newCancellationScope(() -> {
            timer.add(Workflow.newTimer(duration, TimerOptions.newBuilder().setSummary(summary).build()));
        });
        scope.run();
        Workflow.await(() -> timer.get(0).isCompleted() || until.get());
        if (!timer.get(0).isCompleted()) {
            scope.cancel();
            expectCancellation(timer.get(0));
        }
    }

    /** A promise cancelled on purpose fails with CanceledFailure: expected, so nobody needs to hear of it. */
    private static void expectCancellation(Promise<?> cancelled) {
        cancelled.exceptionally(failure -> null);
    }

    static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
