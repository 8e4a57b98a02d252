package org.distreboot.workflow;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.Notice;
import org.distreboot.workflow.values.Pause;
import org.distreboot.workflow.values.Phase;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.slf4j.Logger;

/**
 * One run's state, shared by the workflow's body and its handlers: the request, the status (shown
 * in the UI's current details and search attributes on every change), and a count of operator
 * actions that wakes every wait. Workflow code: deterministic. Public (as are the few helpers it
 * uses from this package) only for the body of the runs begun before "compact-history", kept in
 * {@code legacy}.
 */
public final class Run {
    private static final Logger log = Workflow.getLogger(Run.class);

    private final SearchableRun searchable = new SearchableRun();
    private RebootRequest request;
    private RebootStatus status;
    /**
     * The dropped and failed nodes of {@link #status}, kept with it: every wait asks after each event
     * whether its node was left out, and a scan of ten thousand nodes each time made the waits the
     * run's main cost.
     */
    private Set<String> leftOut = Set.of();
    private String cancelledBeforeStartBy;
    private Pause pausedBeforeStart;
    /** Whether this run's body keeps a pause (version 3 of "compact-history"); runs begun before ignore one. */
    private boolean pausable;
    /** Bumped by every operator action, so that every wait wakes up and looks again. */
    private int operatorActions;
    private Notices notices = Notices.OFF;
    /** The key of the run's plan (its first run's id) and whether it goes in batches: fixed as it begins, carried on. */
    private String plan;
    private boolean batched;

    public RebootRequest request() {
        return request;
    }

    void begin(RebootRequest request) {
        this.request = request;
    }

    public RebootStatus status() {
        return status;
    }

    void fix(String plan, boolean batched) {
        this.plan = plan;
        this.batched = batched;
    }

    String plan() {
        return plan;
    }

    boolean batched() {
        return batched;
    }

    /** The status, not yet shown: for a run whose first look may still refuse it. */
    public void set(RebootStatus first) {
        status = first;
        leftOut = Set.copyOf(first.names(node -> node.state() == NodeState.DROPPED
                || node.state() == NodeState.FAILED));
    }

    SearchableRun searchable() {
        return searchable;
    }

    public void update(RebootStatus next) {
        set(next);
        Workflow.setCurrentDetails(StatusText.details(next));
        searchable.show(next);
        notices.changed(next);
    }

    /**
     * The run tells the webhook (notify.url) of what happens ({@link Notices}); with {@code capped},
     * each notice is given up on after a count of attempts as well as after its five minutes.
     */
    void notifying(boolean capped) {
        notices = new Notices(true, request.carried() != null || request.resume() != null, capped);
    }

    void tell(Notice notice) {
        notices.send(notice);
    }

    /** Before the run ends or continues as new: its handlers done, its notices sent (or given up on). */
    public void awaitHandlersAndNotices() {
        Workflow.await(() -> Workflow.isEveryHandlerFinished() && notices.allSent());
    }

    /** A cancel (or a pause) that came before the run had a status counts once it has one. */
    public void applyEarlyCancel() {
        if (cancelledBeforeStartBy != null) {
            update(status.cancelRequestedBy(cancelledBeforeStartBy));
        }
        if (pausedBeforeStart != null && pausable && status.phase().active()) {
            update(status.pausedBy(pausedBeforeStart));
        }
    }

    /** Set by a body that keeps a pause, before it applies early operator actions. */
    void keepPauses() {
        pausable = true;
    }

    void pauseBy(String by, String reason) {
        Pause pause = new Pause(by, now(), reason);
        if (status == null) {
            pausedBeforeStart = pause;
        } else if (!pausable) {
            log.info("pause by {} not kept: this run began before --pause existed", by);
        } else if (status.phase().active() && status.paused() == null) {
            log.info("paused by {}{}", by, reason == null ? "" : ": " + reason);
            update(status.pausedBy(pause));
            operatorActed();
        }
    }

    void resumeBy(String by) {
        if (status == null) {
            pausedBeforeStart = null;
        } else if (status.paused() != null) {
            log.info("resumed by {}", by);
            update(status.resumed());
            operatorActed();
        }
    }

    /** Waits, with no timer, until the operator acts (a resume, a cancel, a drop). */
    void awaitOperator() {
        int actionsSeen = operatorActions;
        Workflow.await(() -> operatorActions != actionsSeen);
    }

    void cancelBy(String by, String reason) {
        if (status == null) {
            cancelledBeforeStartBy = by;
            return;
        }
        if (status.phase().active() && !status.cancelRequested()) {
            log.info("cancel requested by {}: {}", by, reason);
            update(status.cancelRequestedBy(by));
            operatorActed();
        }
    }

    void operatorActed() {
        operatorActions++;
    }

    public boolean operatorInterrupts(String node, boolean cancellable) {
        return (cancellable && status.cancelRequested()) || (node != null && leftOut.contains(node));
    }

    /** A timer with a summary for the UI, cut short by any operator action. */
    public void pause(Duration duration, String summary) {
        int actionsSeen = operatorActions;
        Waits.pause(duration, summary, () -> operatorActions != actionsSeen);
    }

    /** {@code node} failed (reboot.max-failed): left out like a dropped node, every wait on it woken. */
    void fail(String node, String why) {
        log.info("{} failed: {}", node, why);
        update(status.withNode(node, n -> n.failed(why, now())).turnOf(node.equals(status.current()) ? null
                : status.current()));
        operatorActed();
    }

    public void stall(String why) {
        log.info("stalled: {}", why);
        update(status.stalled(why));
    }

    public void finish(Phase end, String why) {
        update(status.finished(end, why, now()));
    }

    public String cancelReason() {
        List<String> inFlight = status.inFlight();
        return "cancelled by " + status.cancelledBy()
                + (inFlight.isEmpty() ? "" : "; " + String.join(", ", inFlight) + " left to come back on its own");
    }

    /** Whether Temporal suggests a continue-as-new, or the history passed the request's budget (else {@code budget}). */
    boolean historyFull(int budget) {
        WorkflowInfo info = Workflow.getInfo();
        int events = request.eventBudget() > 0 ? request.eventBudget() : budget;
        return info.isContinueAsNewSuggested() || info.getHistoryLength() >= events;
    }

    ClusterActivities cluster(String summary) {
        return Workflow.newActivityStub(ClusterActivities.class, StepOptions.cluster(summary));
    }

    static NodeActivities node(ActivityOptions options) {
        return Workflow.newActivityStub(NodeActivities.class, options);
    }

    public static Instant now() {
        return Waits.now();
    }
}
