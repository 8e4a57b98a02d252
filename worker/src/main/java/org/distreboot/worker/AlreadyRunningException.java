package org.distreboot.worker;

/** Another daemon holds this rundir's lock. */
public class AlreadyRunningException extends RuntimeException {
    public AlreadyRunningException(String message) {
        super(message);
    }
}
