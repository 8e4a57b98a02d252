package org.distreboot.workflow.commands;

/** The answer to a drop: whether the node was the one being rebooted, and whether a heartbeat row went. */
public record DropResult(String node, boolean wasCurrent, boolean heartbeatRemoved) {
}
