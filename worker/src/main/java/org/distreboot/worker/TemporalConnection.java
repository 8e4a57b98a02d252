package org.distreboot.worker;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.distreboot.worker.config.Settings;

/** A client of the Temporal service named in the properties (target, namespace, TLS). */
public final class TemporalConnection implements AutoCloseable {
    private final WorkflowServiceStubs stubs;
    private final WorkflowClient client;

    private TemporalConnection(WorkflowServiceStubs stubs, WorkflowClient client) {
        this.stubs = stubs;
        this.client = client;
    }

    /** Connects lazily: a daemon starts (and keeps retrying) while Temporal is away. */
    public static TemporalConnection open(Settings settings, String identity, Duration rpcTimeout) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setTarget(settings.temporalTarget())
                .setRpcTimeout(rpcTimeout)
                .setRpcQueryTimeout(rpcTimeout);
        Settings.TemporalTls tls = settings.temporalTls();
        if (tls.enabled() || tls.cert().isPresent() || tls.ca().isPresent()) {
            try {
                SslContextBuilder ssl = GrpcSslContexts.forClient();
                if (tls.cert().isPresent()) {
                    ssl.keyManager(tls.cert().get().toFile(), tls.key().orElseThrow().toFile());
                }
                if (tls.ca().isPresent()) {
                    ssl.trustManager(tls.ca().get().toFile());
                }
                options.setSslContext(ssl.build());
                tls.serverName().ifPresent(name -> options.setChannelInitializer(channel -> channel.overrideAuthority(name)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set up TLS to Temporal: " + e.getMessage(), e);
            }
        }
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
        WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setNamespace(settings.temporalNamespace())
                .setIdentity(identity)
                .build());
        return new TemporalConnection(stubs, client);
    }

    public WorkflowClient client() {
        return client;
    }

    public WorkflowServiceStubs stubs() {
        return stubs;
    }

    @Override
    public void close() {
        stubs.shutdown();
    }
}
