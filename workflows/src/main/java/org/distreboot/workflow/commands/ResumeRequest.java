package org.distreboot.workflow.commands;

/** Go on after a pause; who asked is kept in history. */
public record ResumeRequest(String by) {
}
