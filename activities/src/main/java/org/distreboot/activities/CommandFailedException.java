package org.distreboot.activities;

/** A node command (drain, reboot) that failed in a way retrying will not mend. */
public class CommandFailedException extends Exception {
    public CommandFailedException(String message) {
        super(message);
    }
}
