package org.distreboot.activities;

import java.util.List;
import org.distreboot.workflow.values.CommandRun;

/** The commands a node's turn ran, as kept: what its rejoin step tells. */
@FunctionalInterface
public interface TurnCommands {
    TurnCommands NONE = (workflowId, bootIdBefore, bootIdNow) -> List.of();

    List<CommandRun> turn(String workflowId, String bootIdBefore, String bootIdNow);
}
