package org.distreboot.client.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What this node runs, as root: to reboot (rebootcmd), before it (draincmd), to say whether it is
 * back (healthcmd), the master (mastercmd), held (blockcmd), or in need of a reboot (the sentinel
 * file, or sentinelcmd). Only ever from here: never from a run's input.
 */
@ConfigurationProperties("distreboot")
public record CommandProperties(String rebootcmd, Optional<String> draincmd, Optional<String> healthcmd,
                                Optional<String> mastercmd, Optional<String> blockcmd, Path sentinel,
                                Optional<String> sentinelcmd) {

    public CommandProperties {
        if (!sentinel.isAbsolute()) {
            throw PropertyProblem.badValue("sentinel", "'" + sentinel + "' is not an absolute path (as "
                    + PropertyKey.SENTINEL.fallback + ")");
        }
    }
}
