package org.distreboot.client.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.util.Optional;

/** The Temporal service (temporal.target, temporal.namespace), TLS to it, and its UI for links to a run. */
@ConfigurationProperties("distreboot.temporal")
public record TemporalProperties(String target, String namespace, Tls tls, Optional<String> ui) {

    /** mTLS to the Temporal service (temporal.tls.*): not enabled and no files means plain text. */
    @ConfigurationProperties("tls")
    public record Tls(boolean enabled, Optional<Path> cert, Optional<Path> key, Optional<Path> ca,
                      Optional<String> servername) {
    }
}
