package org.distreboot.worker;

import io.grpc.StatusRuntimeException;
import io.temporal.api.namespace.v1.NamespaceInfo;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether the Temporal server ends a stopping worker's polls itself. A daemon leaves the cluster's
 * queue before its node's rebootcmd; a server that does not end its polls leaves the SDK to cut
 * them, and a workflow task the server hands to a poll as it is cut is lost until its timeout
 * (10 s): the next turn waits that long. The run stays correct either way.
 */
final class PollShutdownCheck {
    static final String SETTING = "frontend.enableCancelWorkerPollsOnShutdown";

    private PollShutdownCheck() {
    }

    /** One line saying what to set on the server; empty when it ends polls itself or cannot be told. */
    static Optional<String> missing(WorkflowServiceStubs stubs, String namespace) {
        try {
            String version = stubs.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()).getServerVersion();
            return missing(version, stubs.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS)
                    .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build())
                    .getNamespaceInfo());
        } catch (StatusRuntimeException e) {
            // A server that will not answer now is noticed elsewhere.
            return Optional.empty();
        }
    }

    /**
     * The same, from the server's version and the namespace's description. A server that does not
     * say its version (the Temporal test server) has no dynamic config to set.
     */
    static Optional<String> missing(String serverVersion, NamespaceInfo namespace) {
        if (serverVersion.isEmpty() || namespace.getCapabilities().getWorkerPollCompleteOnShutdown()) {
            return Optional.empty();
        }
        return Optional.of("the Temporal server (" + serverVersion + ") does not end a stopping worker's polls:"
                + " a workflow task handed to this daemon as its node goes down waits out its 10 s timeout before"
                + " the next turn; set " + SETTING + "=true in the server's dynamic config (server 1.31 or later)");
    }
}
