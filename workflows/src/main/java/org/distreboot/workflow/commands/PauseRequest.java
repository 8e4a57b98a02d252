package org.distreboot.workflow.commands;

/** Start no new node until resumed; a node in flight finishes. Who asked is kept in history. */
public record PauseRequest(String by, String reason) {
}
