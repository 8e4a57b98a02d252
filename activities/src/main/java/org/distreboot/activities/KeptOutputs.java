package org.distreboot.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.util.List;
import java.util.function.Supplier;
import org.distreboot.db.CommandOutput;
import org.distreboot.db.CommandOutputStore;
import org.distreboot.workflow.values.CommandRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands a run's steps run on this node, kept in PostgreSQL with the run (its workflow, the
 * step, the node's boot), their output masked by {@link Redaction}: for {@code distreboot --log
 * NODE}, and for the node's rejoin step, which tells its turn's commands in its result. Keeping
 * never fails a step: a row that cannot be written is said in the log.
 */
public final class KeptOutputs implements CommandLog, TurnCommands {
    private static final Logger log = LoggerFactory.getLogger(KeptOutputs.class);

    private final String cluster;
    private final String node;
    private final BootIdSource bootIds;
    private final Supplier<CommandOutputStore> store;
    private final Redaction redaction;

    public KeptOutputs(String cluster, String node, BootIdSource bootIds, Supplier<CommandOutputStore> store,
                       Redaction redaction) {
        this.cluster = cluster;
        this.node = node;
        this.bootIds = bootIds;
        this.store = store;
        this.redaction = redaction;
    }

    /** Keeps a run made by an activity; a run outside any (none is given this log) is not kept. */
    @Override
    public void ran(String command, CommandResult result) {
        ActivityInfo step;
        try {
            step = Activity.getExecutionContext().getInfo();
        } catch (IllegalStateException e) {
            return;
        }
        try {
            store.get().keep(new CommandOutput(cluster, node, step.getWorkflowId(), step.getWorkflowRunId(),
                    step.getActivityType(), bootIds.current(), command, result.exitCode(), result.timedOut(),
                    result.took(), redaction.masked(result.output()), null));
        } catch (RuntimeException e) {
            log.warn("the output of {} was not kept: {}", command, e.getMessage());
        }
    }

    /**
     * The commands of this node's turn in the workflow: the last run of each during the boot before
     * (draincmd, rebootcmd) and during this one (healthcmd), oldest first; none if they cannot be read.
     */
    @Override
    public List<CommandRun> turn(String workflowId, String bootIdBefore, String bootIdNow) {
        try {
            return store.get().ofBoots(cluster, node, workflowId, List.of(bootIdBefore, bootIdNow)).stream().map(run -> new CommandRun(run.command(), run.step(), run.exitCode(), run.timedOut(),
                    run.took().toMillis(), run.output())).toList();
        } catch (RuntimeException e) {
            log.warn("the commands of {}'s turn could not be read: {}", node, e.getMessage());
            return List.of();
        }
    }
}
