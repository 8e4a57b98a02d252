package org.distreboot.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;

/** Turns an activity failure into the one line an operator needs. */
public final class Failures {
    private Failures() {
    }

    /** Which command of a drain-and-reboot call failed, from the failure's type. */
    static String command(ActivityFailure failure) {
        if (failure.getCause() instanceof ApplicationFailure application) {
            if (NodeActivities.DRAIN_FAILED.equals(application.getType())) {
                return "draincmd";
            }
            if (NodeActivities.REBOOT_FAILED.equals(application.getType())) {
                return "rebootcmd";
            }
        }
        return "draincmd or rebootcmd";
    }

    public static String describe(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure application) {
            return application.getOriginalMessage();
        }
        if (cause instanceof TimeoutFailure timeout) {
            String last = timeout.getCause() instanceof ApplicationFailure application
                    ? "; last attempt: " + application.getOriginalMessage() : "";
            return "no answer in time (" + timeout.getTimeoutType().name().toLowerCase().replace("timeout_type_", "")
                    .replace('_', '-') + " timeout)" + last;
        }
        return cause == null ? failure.getMessage() : cause.getMessage();
    }
}
