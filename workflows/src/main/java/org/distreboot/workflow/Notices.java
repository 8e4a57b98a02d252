package org.distreboot.workflow;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.distreboot.workflow.values.Notice;
import org.distreboot.workflow.values.RebootStatus;
import org.slf4j.Logger;

/**
 * Tells the operator's webhook of the run (notify.url, when the command that started it had one:
 * version 1 of "notify", asked only then). Each notice is an activity of its own, retried for a few
 * minutes (version 2: and at most {@link StepOptions#NOTICE_ATTEMPTS} times) and never waited for by
 * the run: a webhook that fails never holds it up. Before the run continues as new or ends, the
 * notices in flight finish. Workflow code: deterministic.
 */
final class Notices {
    private static final Logger log = Workflow.getLogger(Notices.class);
    static final Notices OFF = new Notices(false, false, false);

    private final boolean on;
    /** Each notice is given up on after {@link StepOptions#NOTICE_ATTEMPTS} attempts too. */
    private final boolean capped;
    /** A run carried over from the one before: its first status was told of by that run. */
    private boolean quietFirst;
    private RebootStatus told;
    private final List<Promise<Void>> inFlight = new ArrayList<>();
    /** The last notice sent (done once sent or given up on), and the workflow time it was sent at. */
    private Promise<Void> last;
    private long lastAt;

    Notices(boolean on, boolean carried, boolean capped) {
        this.on = on;
        this.quietFirst = carried;
        this.capped = capped;
    }

    /** The run's status is now {@code now}: tells what the operator wants to hear of since the last one. */
    void changed(RebootStatus now) {
        if (!on) {
            return;
        }
        if (!quietFirst) {
            Notice.between(told, now, Run.now()).forEach(this::send);
        }
        quietFirst = false;
        told = now;
    }

    /**
     * Sends {@code notice}; after the last one when both come from one workflow task (a node back
     * and the run's end, say), so that they arrive in order. Notices of different moments go
     * independently: a webhook that is down for a while does not pile them up. A notice given up on
     * is said in the workflow's log, not failed on.
     */
    void send(Notice notice) {
        if (!on) {
            return;
        }
        inFlight.removeIf(Promise::isCompleted);
        String summary = notice.event() + (notice.node() == null ? "" : " " + notice.node());
        ClusterActivities webhook = Workflow.newActivityStub(ClusterActivities.class, StepOptions.notice(summary, capped));
        long now = Workflow.currentTimeMillis();
        Promise<Void> sent = last != null && !last.isCompleted() && lastAt == now
                ? last.thenCompose(done -> Async.procedure(webhook::sendNotice, notice))
                : Async.procedure(webhook::sendNotice, notice);
        last = sent.handle((done, failure) -> {
            if (failure != null) {
                Throwable cause = failure;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                log.info("notice {} given up on: {}", summary, cause instanceof ApplicationFailure application
                        ? application.getOriginalMessage() : cause.getMessage());
            }
            return null;
        });
        lastAt = now;
        inFlight.add(last);
    }

    /** Whether no notice is in flight (sent, or given up on). */
    boolean allSent() {
        return inFlight.stream().allMatch(Promise::isCompleted);
    }
}
