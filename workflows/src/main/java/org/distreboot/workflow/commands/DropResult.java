package org.distreboot.workflow.commands;

/** The answer to a drop: whether the node was the one being rebooted (the run then moves on). */
public record DropResult(String node, boolean wasCurrent) {
}
