package org.distreboot.devkit;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.util.Optional;

/**
 * The Temporal service a local cluster runs on: the embedded test server (a JDK is all it needs)
 * or the real dev server of the {@code temporal} CLI (persistence and the Web UI). Either can be
 * killed and started again on the same port, for outage and crash tests.
 */
public interface TemporalService extends AutoCloseable {

    /** Starts the service (again) and waits until it answers, with distreboot's search attributes registered. */
    TemporalService start() throws IOException, InterruptedException;

    /** Ends the service at once, as kill -9 would. */
    void stop() throws InterruptedException;

    boolean isAlive();

    /** host:port of the frontend. */
    String target();

    /** The Web UI's base address, when this service has one. */
    Optional<String> ui();

    /** TLS for a client of this service (the harness's own), when it takes TLS only. */
    default Optional<SslContext> clientTls() {
        return Optional.empty();
    }

    /** The name a TLS client verifies the service's certificate by, when it is not the target's host. */
    default Optional<String> serverName() {
        return Optional.empty();
    }

    /** What it is, in a few words, for the demo's first lines. */
    String description();

    /** Stops the service, as {@link #stop()} does. */
    @Override
    default void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
