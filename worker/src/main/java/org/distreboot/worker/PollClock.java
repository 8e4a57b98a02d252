package org.distreboot.worker;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a poll of this daemon's task queues last got through to the Temporal service, seen on its
 * way as every call of the daemon's client passes through here: now while the service holds one (a
 * long poll waits up to a minute for a task, while one sent on a dead connection fails within a
 * second), else when the last one answered or was let go. A daemon whose polls do not get through takes no task,
 * whatever else it says.
 */
final class PollClock implements ClientInterceptor {
    /** How long a poll is outstanding before it counts as held by the service. */
    private static final Duration HELD = Duration.ofSeconds(1);

    private volatile Instant lastThrough;
    private final Map<Object, Instant> outstanding = new ConcurrentHashMap<>();

    Optional<Instant> last() {
        Instant now = Instant.now();
        boolean held = outstanding.values().stream().anyMatch(sent -> sent.plus(HELD).isBefore(now));
        return held ? Optional.of(now) : Optional.ofNullable(lastThrough);
    }

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        ClientCall<Q, A> call = next.newCall(method, options);
        String name = method.getBareMethodName();
        if (name == null || !name.startsWith("Poll")) {
            return call;
        }
        Object key = new Object();
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<A> listener, Metadata headers) {
                outstanding.put(key, Instant.now());
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        Instant sent = outstanding.remove(key);
                        Instant now = Instant.now();
                        // Answered, or held until now (then its connection went): it got through till now.
                        if (status.isOk() || sent != null && sent.plus(HELD).isBefore(now)) {
                            lastThrough = now;
                        }
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }
}
