package org.distreboot.db;

import java.sql.SQLException;

/** PostgreSQL could not be reached or refused a statement; the message is the driver's. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
