package org.distreboot.workflow;

import org.distreboot.workflow.values.NodeState;
import org.distreboot.workflow.values.RebootStatus;

/** The run's current details, as the Temporal UI shows them. */
final class StatusText {
    private StatusText() {
    }

    static String details(RebootStatus status) {
        StringBuilder text = new StringBuilder()
                .append("**").append(status.phase()).append("** · ")
                .append(status.withState(NodeState.DONE).size()).append(" of ").append(status.nodes().size())
                .append(" nodes rebooted");
        if (!status.withState(NodeState.DROPPED).isEmpty()) {
            text.append(" · dropped: ").append(String.join(", ", status.withState(NodeState.DROPPED)));
        }
        if (status.current() != null) {
            status.node(status.current()).ifPresent(n -> text.append(" · now: ").append(n.node()).append(" (")
                    .append(n.state()).append(" since ").append(n.startedAt()).append(')'));
        }
        if (status.master() != null) {
            text.append(" · master: ").append(status.master());
        }
        text.append("\n\norder: ").append(String.join(" → ", status.order()));
        if (status.reason() != null) {
            text.append("\n\nwhy: ").append(status.reason());
        }
        return text.append("\n\nwaiting for: ").append(status.waitingFor()).toString();
    }
}
