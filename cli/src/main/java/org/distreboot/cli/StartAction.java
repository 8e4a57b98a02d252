package org.distreboot.cli;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.distreboot.worker.Daemon;

/**
 * `distreboot --start`: the node daemon in the foreground, its parts made by the context from the
 * properties read (the settings bound to them), and closed by it once the daemon has stopped.
 */
@Singleton
final class StartAction {
    private final Provider<Daemon> daemon;

    StartAction(Provider<Daemon> daemon) {
        this.daemon = daemon;
    }

    int run() {
        return daemon.get().run();
    }
}
