package org.distreboot.devkit.scale;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;

/** What the histories of one chain of runs (a run and its continues-as-new) hold. */
record HistoryFigures(int runs, long events, long bytes, long maxEventsPerRun, long largestPayload) {

    static HistoryFigures of(WorkflowClient client, String workflowId, String firstRun) {
        int runs = 0;
        long events = 0;
        long bytes = 0;
        long maxEvents = 0;
        long largest = 0;
        String run = firstRun;
        while (run != null) {
            WorkflowExecutionHistory history = client.fetchHistory(workflowId, run);
            List<HistoryEvent> all = history.getEvents();
            runs++;
            events += all.size();
            bytes += history.getHistory().getSerializedSize();
            maxEvents = Math.max(maxEvents, all.size());
            for (HistoryEvent event : all) {
                largest = Math.max(largest, payloadSize(event));
            }
            HistoryEvent last = all.get(all.size() - 1);
            run = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId() : null;
        }
        return new HistoryFigures(runs, events, bytes, maxEvents, largest);
    }

    /** The payloads an event carries: a run's input or result, an activity's input or result. */
    private static long payloadSize(HistoryEvent event) {
        Payloads payloads = switch (event.getEventType()) {
            case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> event.getWorkflowExecutionStartedEventAttributes().getInput();
            case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
                    event.getWorkflowExecutionContinuedAsNewEventAttributes().getInput();
            case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED ->
                    event.getWorkflowExecutionCompletedEventAttributes().getResult();
            case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> event.getActivityTaskScheduledEventAttributes().getInput();
            case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> event.getActivityTaskCompletedEventAttributes().getResult();
            default -> Payloads.getDefaultInstance();
        };
        return payloads.getSerializedSize();
    }
}
