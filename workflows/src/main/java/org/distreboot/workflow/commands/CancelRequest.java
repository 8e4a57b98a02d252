package org.distreboot.workflow.commands;

/** Stop the reboot list; who asked is kept in history. */
public record CancelRequest(String by, String reason) {
}
