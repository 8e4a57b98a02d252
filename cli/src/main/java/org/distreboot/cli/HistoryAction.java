package org.distreboot.cli;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.distreboot.client.Cluster;
import org.distreboot.client.Json;
import org.distreboot.client.config.Settings;
import org.distreboot.workflow.Durations;

/**
 * `distreboot --history`: the cluster's past runs, newest first, as Temporal keeps them (its
 * visibility lists the runs, their histories say the rest): when each started and ended, how,
 * who started it and who cancelled, paused, resumed or dropped, and each node's reboot.
 */
@Singleton
final class HistoryAction {
    /** --json: the runs, as {@link RunAudit} has them. */

    record History(String cluster, List<RunAudit> runs) {
    }

    /** The runs shown, and the executions looked at to find them (a run that continued as new is several). */
    private static final int SHOWN = 10;
    private static final int EXECUTIONS = 200;

    private final Cluster.Connector clusters;

    @Inject
    HistoryAction(Cluster.Connector clusters) {
        this.clusters = clusters;
    }

    int run(Settings settings, boolean json, PrintWriter out) {
        try (Cluster cluster = clusters.connect(settings)) {
            List<RunAudit> runs = new ArrayList<>();
            for (List<WorkflowExecutionInfo> chain : newestRunsFirst(cluster.executions(EXECUTIONS))) {
                List<List<HistoryEvent>> histories = new ArrayList<>();
                chain.forEach(execution -> histories.add(cluster.history(execution.getExecution().getRunId())));
                runs.add(RunAudit.of(settings.cluster(), histories));
            }
            if (json) {
                out.println(Json.write(new History(settings.cluster(), runs)));
                return 0;
            }
            if (runs.isEmpty()) {
                out.println("no distributed reboot of cluster " + settings.cluster() + " is known to Temporal");
                return 0;
            }
            out.println("distributed reboots of cluster " + settings.cluster() + ", newest first"
                    + (runs.size() == SHOWN ? " (the last " + SHOWN + ")" : "") + ":");
            runs.forEach(run -> lines(run).forEach(out::println));
            return 0;
        }
    }

    /** The runs of these executions (oldest first), newest first: a run is an execution and those it continued as. */
    static List<List<WorkflowExecutionInfo>> newestRunsFirst(List<WorkflowExecutionInfo> oldestFirst) {
        List<List<WorkflowExecutionInfo>> runs = new ArrayList<>();
        WorkflowExecutionInfo previous = null;
        for (WorkflowExecutionInfo execution : oldestFirst) {
            if (previous == null || previous.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
                runs.add(0, new ArrayList<>());
            }
            runs.get(0).add(execution);
            previous = execution;
        }
        return runs.subList(0, Math.min(SHOWN, runs.size()));
    }

    /** A run in a few lines: its start, outcome and starter, then what happened, in order. */
    static List<String> lines(RunAudit run) {
        List<String> lines = new ArrayList<>();
        long rebooted = run.nodes().stream().filter(turn -> turn.downAt() != null || turn.backAt() != null).count();
        lines.add("");
        lines.add(second(run.startedAt()) + "  " + run.outcome()
                + (run.endedAt() == null ? "" : " after " + Durations.format(
                        Duration.between(run.startedAt(), run.endedAt()).truncatedTo(ChronoUnit.SECONDS)))
                + ", started by " + (run.startedBy() == null ? "?" : run.startedBy()) + ", " + rebooted + " node"
                + (rebooted == 1 ? "" : "s") + " rebooted" + (run.reason() == null ? "" : ": " + run.reason()));
        List<Map.Entry<Instant, String>> events = new ArrayList<>();
        run.nodes().forEach(turn -> events.add(Map.entry(turn.downAt() != null ? turn.downAt()
                : turn.backAt() != null ? turn.backAt() : run.startedAt(), turnLine(turn))));
        run.acts().forEach(act -> events.add(Map.entry(act.at(), act.what() + " by " + act.by()
                + (act.detail().isEmpty() ? "" : ": " + act.detail()))));
        events.stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(event -> lines.add("  " + second(event.getKey()) + "  " + event.getValue()));
        return lines;
    }

    private static String turnLine(RunAudit.Turn turn) {
        String after = turn.bootIdAfter() == null ? "(not back within the run)" : turn.bootIdAfter();
        return turn.node() + "  boot " + turn.bootIdBefore() + " -> " + after
                + (turn.downtime() == null ? "" : ", down " + Durations.format(
                        turn.downtime().truncatedTo(ChronoUnit.MILLIS)));
    }

    private static String second(Instant at) {
        return at == null ? "?" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
