package org.distreboot.cli;

import io.micronaut.context.BeanContext;
import jakarta.inject.Singleton;
import org.distreboot.client.config.Settings;
import org.distreboot.worker.Daemon;

/**
 * `distreboot --start`: the node daemon in the foreground, its parts made by the context from the
 * properties read, and closed by it once the daemon has stopped.
 */
@Singleton
final class StartAction {
    private final BeanContext context;

    StartAction(BeanContext context) {
        this.context = context;
    }

    int run(Settings settings) {
        context.registerSingleton(Settings.class, settings);
        return context.getBean(Daemon.class).run();
    }
}
