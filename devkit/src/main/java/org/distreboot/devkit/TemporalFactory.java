package org.distreboot.devkit;

import java.io.IOException;
import java.nio.file.Path;

/** How a local cluster gets its Temporal service, once it knows its directory, address and PostgreSQL. */
@FunctionalInterface
public interface TemporalFactory {

    /** A service to be, with its files under {@code home}, on {@code address}; nothing runs yet. */
    TemporalService make(Path home, String address, LocalPostgres postgres) throws IOException;

    /** The embedded test server, its classes on {@code classpath}. */
    static TemporalFactory testServer(String classpath) {
        return (home, address, postgres) -> TemporalTestServer.at(classpath, home.resolve("temporal.log"), address, 0);
    }

    /** The dev server of the temporal CLI, or the test server when {@code cli} is null. */
    static TemporalFactory devServerOr(Path cli, String classpath) {
        return cli == null ? testServer(classpath)
                : (home, address, postgres) -> TemporalDevServer.at(cli, home.resolve("temporal"), address, 0);
    }
}
