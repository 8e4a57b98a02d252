package org.distreboot.worker;

import com.uber.m3.tally.Scope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.distreboot.client.DaemonThreads;
import org.distreboot.client.TemporalConnection;
import org.distreboot.client.config.Settings;

/**
 * A Temporal client being made on a thread of its own while the daemon opens PostgreSQL: most
 * of a daemon's start is loading gRPC's and the SDK's classes for that client, and a rebooted
 * node's daemon is on the run's critical path. Closing it closes the client, once made.
 */
final class TemporalOpening implements AutoCloseable {
    private final CompletableFuture<TemporalConnection> connection;

    private TemporalOpening(CompletableFuture<TemporalConnection> connection) {
        this.connection = connection;
    }

    static TemporalOpening begin(Settings settings, String identity, Duration rpcTimeout, PollClock polls,
                                 Scope metrics) {
        CompletableFuture<TemporalConnection> connection = new CompletableFuture<>();
        DaemonThreads.named("temporal-open").newThread(() -> {
            try {
                connection.complete(TemporalConnection.open(settings, identity, rpcTimeout, List.of(polls), metrics));
            } catch (RuntimeException | Error e) {
                connection.completeExceptionally(e);
            }
        }).start();
        return new TemporalOpening(connection);
    }

    /** The client, once made; what making it threw, as it was thrown. */
    TemporalConnection join() {
        try {
            return connection.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        connection.thenAccept(TemporalConnection::close).exceptionally(e -> null).join();
    }
}
