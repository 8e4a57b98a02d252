package org.distreboot.client.config;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * A node's distreboot.properties, bound and checked: one record per concern, the file they came
 * from ({@code null}: the defaults alone), and their fingerprint, which tells two processes that
 * read the same properties, the command and its daemon, without either showing the other a value
 * (the password among them). Commands are only ever read from here: the root-owned file is the
 * one place that may say what runs as root.
 */
@Singleton
public record Settings(
        @Nullable @Property(name = PropertiesSource.SOURCE) Path source,
        @Property(name = PropertiesSource.FINGERPRINT) String fingerprint,
        HostProperties host,
        CommandProperties commands,
        TemporalProperties temporal,
        DbProperties db,
        HeartbeatProperties heartbeat,
        RebootProperties reboot,
        WindowProperties window,
        NotifyProperties notifications,
        MetricsProperties metrics,
        SshProperties ssh) {

    public String cluster() {
        return host.cluster();
    }

    public String node() {
        return host.node();
    }
}
