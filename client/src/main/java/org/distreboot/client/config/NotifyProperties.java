package org.distreboot.client.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.URI;
import java.util.Optional;

/** The webhook told of a run (notify.url); it may hold a token, so it is never shown. */
@ConfigurationProperties("distreboot.notify")
public record NotifyProperties(Optional<URI> url) {
}
