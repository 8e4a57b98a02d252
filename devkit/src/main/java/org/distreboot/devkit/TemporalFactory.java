package org.distreboot.devkit;

import java.io.IOException;
import java.nio.file.Path;

/** How a local cluster gets its Temporal service, once it knows its directory, address and PostgreSQL. */
@FunctionalInterface
public interface TemporalFactory {

    /** A service to be, with its files under {@code home}, on {@code address}; nothing runs yet. */
    TemporalService make(Path home, String address, LocalPostgres postgres) throws IOException;

    /** The dev server of the temporal CLI, or the test server (its classes on {@code classpath}) when {@code cli} is null. */
    static TemporalFactory devServerOr(Path cli, String classpath) {
        return cli == null ? TemporalTestServer.factory(classpath) : TemporalDevServer.factory(cli);
    }
}
