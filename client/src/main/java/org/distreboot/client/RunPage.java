package org.distreboot.client;

import java.util.Optional;
import org.distreboot.client.config.Settings;
import org.distreboot.workflow.TaskQueues;

/** The cluster's run in the Temporal UI (the latest run of its workflow id), when temporal.ui is set. */
public final class RunPage {
    private RunPage() {
    }

    public static Optional<String> of(Settings settings) {
        return settings.temporal().ui().map(ui -> ui.replaceAll("/+$", "") + "/namespaces/"
                + settings.temporal().namespace() + "/workflows/" + TaskQueues.workflowId(settings.cluster()));
    }
}
