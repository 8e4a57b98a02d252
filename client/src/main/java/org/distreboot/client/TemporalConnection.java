package org.distreboot.client;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.serviceclient.rpcretry.DefaultStubServiceOperationRpcRetryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.distreboot.client.config.Settings;
import org.distreboot.client.config.TemporalProperties;

/**
 * A client of the Temporal service named in the properties (target, namespace, TLS). Its I/O
 * thread is its own, not gRPC's shared pool, so that closing it ends the thread: a JVM whose
 * thread still waits in epoll when it exits spends 300 ms waiting for it.
 */
public final class TemporalConnection implements AutoCloseable {
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(1);

    private final EventLoopGroup io;
    private final WorkflowServiceStubs stubs;
    private final WorkflowClient client;

    private TemporalConnection(EventLoopGroup io, WorkflowServiceStubs stubs, WorkflowClient client) {
        this.io = io;
        this.stubs = stubs;
        this.client = client;
    }

    /**
     * For a command: each call gives up after {@code rpcTimeout} in all, retries included. The
     * SDK's own retries last a minute, and a call begun as the service died would keep an
     * operator (or {@code --watch}) waiting through the outage instead of saying it.
     */
    public static TemporalConnection open(Settings settings, String identity, Duration rpcTimeout) {
        return open(settings, identity, rpcTimeout, List.of(), new NoopScope(),
                RpcRetryOptions.newBuilder(DefaultStubServiceOperationRpcRetryOptions.INSTANCE).setExpiration(rpcTimeout)
                        .validateBuildWithDefaults());
    }

    /** For the daemon, which keeps retrying while Temporal is away. */
    public static TemporalConnection open(Settings settings, String identity, Duration rpcTimeout,
                                   List<ClientInterceptor> interceptors, Scope metrics) {
        return open(settings, identity, rpcTimeout, interceptors, metrics, DefaultStubServiceOperationRpcRetryOptions.INSTANCE);
    }

    /** With {@code interceptors} on every call (the daemon's poll clock), reporting to {@code metrics}. */
    private static TemporalConnection open(Settings settings, String identity, Duration rpcTimeout,
                                           List<ClientInterceptor> interceptors, Scope metrics, RpcRetryOptions retries) {
        EventLoopGroup io = new NioEventLoopGroup(1, DaemonThreads.named("temporal-io"));
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setTarget(settings.temporal().target())
                .setRpcTimeout(rpcTimeout)
                .setRpcQueryTimeout(rpcTimeout)
                .setRpcRetryOptions(retries)
                .setGrpcClientInterceptors(interceptors)
                .setMetricsScope(metrics);
        TemporalProperties.Tls tls = settings.temporal().tls();
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
            } catch (IOException e) {
                io.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                throw new UncheckedIOException("cannot set up TLS to Temporal: " + e.getMessage(), e);
            }
        }
        options.setChannelInitializer(channel -> initialize(channel, io, tls));
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
        WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setNamespace(settings.temporal().namespace())
                .setIdentity(identity)
                .build());
        return new TemporalConnection(io, stubs, client);
    }

    private static void initialize(ManagedChannelBuilder<?> channel, EventLoopGroup io, TemporalProperties.Tls tls) {
        ((NettyChannelBuilder) channel).eventLoopGroup(io).channelType(NioSocketChannel.class);
        tls.servername().ifPresent(channel::overrideAuthority);
    }

    public WorkflowClient client() {
        return client;
    }

    public WorkflowServiceStubs stubs() {
        return stubs;
    }

    @Override
    public void close() {
        stubs.shutdownNow();
        stubs.awaitTermination(CLOSE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        io.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_PATIENCE.toMillis());
    }
}
