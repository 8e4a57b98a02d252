package org.distreboot.workflow.commands;

/** Remove a node from the run (and its heartbeat row); who and why are kept in history. */
public record DropRequest(String node, String by, String reason) {
}
