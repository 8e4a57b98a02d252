package org.distreboot.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.slf4j.MDC;

/**
 * Every line logged within a call the workflow made says which run and which step it was for:
 * "run=distreboot-prod/8c1f… step=DrainAndReboot" at the end of the line (the log's fields).
 */
final class CallLogFields extends WorkerInterceptorBase {
    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private ActivityInfo info;

            @Override
            public void init(ActivityExecutionContext context) {
                info = context.getInfo();
                super.init(context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                MDC.put("run", info.getWorkflowId() + "/" + info.getWorkflowRunId().substring(0, Math.min(8, info.getWorkflowRunId().length())));
                MDC.put("step", info.getActivityType());
                try {
                    return super.execute(input);
                } finally {
                    MDC.remove("run");
                    MDC.remove("step");
                }
            }
        };
    }
}
