package org.distreboot.worker;

import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.distreboot.workflow.RunSearch;

/**
 * Whether the namespace has the search attributes runs are filtered by: without them a run
 * still runs, but an operator should hear once how to register them.
 */
final class SearchAttributesCheck {
    private SearchAttributesCheck() {
    }

    /** One line saying what is missing and how to register it; empty when all is there or it cannot be told. */
    static Optional<String> missing(WorkflowServiceStubs stubs, String namespace) {
        Map<String, ?> registered;
        try {
            registered = OperatorServiceGrpc.newBlockingStub(stubs.getRawChannel())
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
                    .getCustomAttributesMap();
        } catch (StatusRuntimeException e) {
            // The test server cannot list them, and a server that will not answer now is noticed elsewhere.
            return Optional.empty();
        }
        List<SearchAttributeKey<String>> absent = RunSearch.KEYS.stream()
                .filter(key -> !registered.containsKey(key.getName())).toList();
        if (absent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Temporal namespace " + namespace + " lacks the search attributes "
                + String.join(", ", absent.stream().map(SearchAttributeKey::getName).toList())
                + ": runs start without them and cannot be filtered in the UI; register them once with: "
                + RunSearch.createCommand(namespace, absent));
    }
}
