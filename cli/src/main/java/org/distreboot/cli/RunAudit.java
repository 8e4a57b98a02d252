package org.distreboot.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.distreboot.workflow.TaskQueues;
import org.distreboot.workflow.commands.CancelRequest;
import org.distreboot.workflow.commands.DropRequest;
import org.distreboot.workflow.commands.PauseRequest;
import org.distreboot.workflow.commands.ResumeRequest;
import org.distreboot.workflow.values.Look;
import org.distreboot.workflow.values.RebootRequest;
import org.distreboot.workflow.values.RebootStatus;
import org.distreboot.workflow.values.Verdict;

/**
 * One past run of a cluster, read from the histories of its executions (one, or a chain of
 * continues-as-new), oldest first: when it started and ended, how, who started it and who
 * cancelled, paused, resumed or dropped, and each node's reboot (boot before and after, downtime).
 * Pure: it reads the events it is given.
 */
record RunAudit(String runId, Instant startedAt, Instant endedAt, String outcome, String reason, String startedBy,
                List<Act> acts, List<Turn> nodes, int executions) {
    private static final DataConverter PAYLOADS = DefaultDataConverter.STANDARD_INSTANCE;

    /** An operator's word to the run: cancel, pause, resume or drop, by whom, when. */
    record Act(Instant at, String what, String by, String detail) {
    }

    /**
     * A node's reboot in the run.
     *
     * @param downAt when its rebootcmd had started (the reboot call returned); null when not seen
     * @param backAt when it had rejoined; null when it has not
     */
    record Turn(String node, String bootIdBefore, String bootIdAfter, Instant downAt, Instant backAt) {
        /** From the reboot to the rejoin; null until both are known. */
        Duration downtime() {
            return downAt == null || backAt == null ? null : Duration.between(downAt, backAt);
        }

        /** The downtime in --json. */
        @JsonProperty("downtimeMs")
        Long downtimeMs() {
            return downtime() == null ? null : downtime().toMillis();
        }
    }

    /** The run whose executions' histories are {@code executions}, in order; the last may still be running. */
    static RunAudit of(String cluster, List<List<HistoryEvent>> executions) {
        Reading reading = new Reading(TaskQueues.node(cluster, ""));
        executions.forEach(events -> events.forEach(reading::read));
        return new RunAudit(reading.runId, reading.startedAt, reading.endedAt,
                reading.outcome == null ? "RUNNING" : reading.outcome, reading.reason, reading.startedBy,
                List.copyOf(reading.acts), List.copyOf(reading.turns.values()), executions.size());
    }

    /** What the events said so far. */
    private static final class Reading {
        private final String nodeQueuePrefix;
        private final Map<Long, ActivityTaskScheduledEventAttributes> scheduled = new HashMap<>();
        /** By node and boot before: a turn is one boot of one node. */
        private final Map<String, Turn> turns = new LinkedHashMap<>();
        private final List<Act> acts = new ArrayList<>();
        private String runId;
        private Instant startedAt;
        private Instant endedAt;
        private String outcome;
        private String reason;
        private String startedBy;

        Reading(String nodeQueuePrefix) {
            this.nodeQueuePrefix = nodeQueuePrefix;
        }

        void read(HistoryEvent event) {
            Instant at = Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos());
            EventType type = event.getEventType();
            if (type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED && startedAt == null) {
                var started = event.getWorkflowExecutionStartedEventAttributes();
                runId = started.getFirstExecutionRunId().isEmpty() ? started.getOriginalExecutionRunId()
                        : started.getFirstExecutionRunId();
                startedAt = at;
                startedBy = first(started.getInput(), RebootRequest.class).map(RebootRequest::requestedBy).orElse(null);
            } else if (type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) {
                signaled(at, event.getWorkflowExecutionSignaledEventAttributes().getSignalName(),
                        event.getWorkflowExecutionSignaledEventAttributes().getInput());
            } else if (type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
                var update = event.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest().getInput();
                if (update.getName().equals("drop")) {
                    first(update.getArgs(), DropRequest.class).ifPresent(drop ->
                            acts.add(new Act(at, "drop", drop.by(), drop.node() + reasonOf(drop.reason()))));
                }
            } else if (type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
                scheduled.put(event.getEventId(), event.getActivityTaskScheduledEventAttributes());
            } else if (type == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
                var completed = event.getActivityTaskCompletedEventAttributes();
                ActivityTaskScheduledEventAttributes call = scheduled.get(completed.getScheduledEventId());
                if (call != null) {
                    completed(at, call, completed.getResult());
                }
            } else {
                ended(at, event);
            }
        }

        private void signaled(Instant at, String name, Payloads input) {
            switch (name) {
                case "cancel" -> first(input, CancelRequest.class).ifPresent(cancel ->
                        acts.add(new Act(at, "cancel", cancel.by(), plain(cancel.reason()))));
                case "pause" -> first(input, PauseRequest.class).ifPresent(pause ->
                        acts.add(new Act(at, "pause", pause.by(), plain(pause.reason()))));
                case "resume" -> first(input, ResumeRequest.class).ifPresent(resume ->
                        acts.add(new Act(at, "resume", resume.by(), "")));
                default -> { }
            }
        }

        /** A reboot call that returned (the node goes down) or a rejoin that did (it is back). */
        private void completed(Instant at, ActivityTaskScheduledEventAttributes call, Payloads result) {
            String activity = call.getActivityType().getName();
            String queue = call.getTaskQueue().getName();
            String node = queue.startsWith(nodeQueuePrefix) ? queue.substring(nodeQueuePrefix.length()) : null;
            switch (activity) {
                case "DrainAndReboot", "Reboot" -> first(call.getInput(), String.class).ifPresent(before -> {
                    if (node != null && first(result, String.class).filter("REBOOT_STARTED"::equals).isPresent()) {
                        turn(node, before, t -> new Turn(node, before, t.bootIdAfter(), at, t.backAt()));
                    }
                });
                case "Rejoin" -> first(call.getInput(), Look.class).ifPresent(look -> {
                    String after = first(result, Verdict.class).map(Verdict::bootId).orElse(null);
                    turn(look.node(), look.bootIdBefore(), t -> new Turn(look.node(), look.bootIdBefore(), after,
                            t.downAt(), at));
                });
                case "AwaitRejoin" -> first(call.getInput(), String.class).ifPresent(before -> {
                    String after = first(result, String.class).orElse(null);
                    if (node != null) {
                        turn(node, before, t -> new Turn(node, before, after, t.downAt(), at));
                    }
                });
                default -> { }
            }
        }

        private void turn(String node, String before, UnaryOperator<Turn> change) {
            String key = node + "\u0000" + before;
            turns.put(key, change.apply(turns.getOrDefault(key, new Turn(node, before, null, null, null))));
        }

        private void ended(Instant at, HistoryEvent event) {
            switch (event.getEventType()) {
                case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
                    endedAt = at;
                    Optional<RebootStatus> status = first(
                            event.getWorkflowExecutionCompletedEventAttributes().getResult(), RebootStatus.class);
                    outcome = status.map(s -> s.phase().name()).orElse("COMPLETED");
                    reason = status.map(RebootStatus::reason).orElse(null);
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
                    endedAt = at;
                    outcome = "FAILED";
                    reason = event.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage();
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> {
                    endedAt = at;
                    outcome = "TERMINATED";
                    reason = event.getWorkflowExecutionTerminatedEventAttributes().getReason();
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> {
                    endedAt = at;
                    outcome = "TIMED_OUT";
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> {
                    endedAt = at;
                    outcome = "CANCELLED";
                }
                default -> { }
            }
        }

        private static String plain(String reason) {
            return reason == null ? "" : reason.strip();
        }

        private static String reasonOf(String reason) {
            return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        }

        private static <T> Optional<T> first(Payloads payloads, Class<T> type) {
            if (payloads == null || payloads.getPayloadsCount() == 0) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(PAYLOADS.fromPayload(payloads.getPayloads(0), type, type));
            } catch (RuntimeException e) {
                // A shape this version does not read (a run of a much older one): said as unknown.
                return Optional.empty();
            }
        }
    }
}
