package org.distreboot.worker;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.distreboot.client.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this daemon's worker keeps a run in its cache between the run's workflow tasks
 * (Temporal's sticky execution). On a real server it does: otherwise every task replays the run's
 * whole history, and with it every step of the run so far, which for a big fleet costs more than
 * the task's timeout allows. The Temporal test server (the demo's, the fast tests') never moves a
 * task off a dead worker's sticky queue, so there a daemon killed mid-run would hold the run up;
 * it is known by the server version it does not report.
 */
final class StickyExecution {
    private static final Logger log = LoggerFactory.getLogger(StickyExecution.class);

    private StickyExecution() {
    }

    static boolean wanted(WorkflowServiceStubs temporal) {
        try {
            return wanted(temporal.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance()));
        } catch (RuntimeException e) {
            log.warn("could not ask Temporal which server it is ({}): every workflow task replays its run's history",
                    Problems.describe(e));
            return false;
        }
    }

    static boolean wanted(GetSystemInfoResponse server) {
        return !server.getServerVersion().isEmpty();
    }
}
