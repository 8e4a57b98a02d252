package org.distreboot.devkit;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.distreboot.workflow.TaskQueues;

/**
 * Where the time goes from a rebooted node's new daemon being launched to the next node's
 * rebootcmd, from the daemon's log, the run's history and the simulated nodes' logs (one clock:
 * every process is on this machine). Milliseconds, each step from the end of the one before.
 */
record Handover(long jvm, long firstHeartbeat, long firstPoll, long rejoin, long workflowTask, long nextNode) {
    static final List<String> STEPS = List.of(
            "launched -> daemon's main (JVM start)",
            "main -> first heartbeat posted",
            "first heartbeat -> polling",
            "polling -> rejoin call completed",
            "rejoin completed -> next node's call scheduled",
            "scheduled -> next node's rebootcmd (poll, draincmd)");

    static Handover of(LocalCluster cluster, List<HistoryEvent> history, String node, String next, long launched,
                       long started) throws IOException {
        List<String> log = Files.readAllLines(cluster.dir(node).resolve("daemon.log"));
        long firstPost = lastLine(log, "posting heartbeats to PostgreSQL");
        long polling = lastLine(log, "daemon up in");
        long rejoined = completed(history, "Rejoin", TaskQueues.node(cluster.name, node));
        long scheduled = scheduled(history, "DrainAndReboot", TaskQueues.node(cluster.name, next));
        long rebootCommand = cluster.times(next, "reboots.log").get(0);
        return new Handover(started - launched, firstPost - started, polling - firstPost, rejoined - polling,
                scheduled - rejoined, rebootCommand - scheduled);
    }

    long launchToFirstHeartbeat() {
        return jvm + firstHeartbeat;
    }

    long launchToPolling() {
        return jvm + firstHeartbeat + firstPoll;
    }

    List<Long> steps() {
        return List.of(jvm, firstHeartbeat, firstPoll, rejoin, workflowTask, nextNode);
    }

    /** The time of the last daemon log line saying {@code what}: the new daemon's. */
    private static long lastLine(List<String> log, String what) {
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i).contains(what)) {
                return Instant.parse(log.get(i).substring(0, log.get(i).indexOf(' '))).toEpochMilli();
            }
        }
        throw new IllegalStateException("no daemon log line says " + what);
    }

    private static long completed(List<HistoryEvent> history, String activity, String queue) {
        long scheduledId = find(history, activity, queue).orElseThrow().getEventId();
        return history.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
                .filter(e -> e.getActivityTaskCompletedEventAttributes().getScheduledEventId() == scheduledId)
                .findFirst().map(Handover::millis)
                .orElseThrow(() -> new IllegalStateException(activity + " on " + queue + " never completed"));
    }

    private static long scheduled(List<HistoryEvent> history, String activity, String queue) {
        return find(history, activity, queue).map(Handover::millis)
                .orElseThrow(() -> new IllegalStateException(activity + " on " + queue + " never scheduled"));
    }

    /** The last call of {@code activity} scheduled on {@code queue}. */
    private static Optional<HistoryEvent> find(List<HistoryEvent> history, String activity, String queue) {
        return history.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .filter(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals(activity))
                .filter(e -> e.getActivityTaskScheduledEventAttributes().getTaskQueue().getName().equals(queue))
                .reduce((first, second) -> second);
    }

    private static long millis(HistoryEvent event) {
        return event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
    }
}
