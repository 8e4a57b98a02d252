package org.distreboot.client;

/** Another daemon holds this rundir's lock. */
public class AlreadyRunningException extends RuntimeException {
    public AlreadyRunningException(String message) {
        super(message);
    }
}
