package org.distreboot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A notice's count of attempts (version 2 of "notify") gives up where its five minutes do when
 * the webhook fails at once: the last attempt it allows starts inside the budget, one more would not.
 */
class NoticeRetriesTest {
    @Test
    void givenAWebhookThatFailsAtOnce_theAttemptCapEndsANoticeWhereItsFiveMinutesDo() {
        ActivityOptions capped = StepOptions.notice("run-started", true);
        RetryOptions retries = RetryOptions.newBuilder(capped.getRetryOptions()).validateBuildWithDefaults();

        assertThat(capped.getScheduleToCloseTimeout()).isEqualTo(StepOptions.NOTICE_BUDGET);
        assertThat(retries.getMaximumAttempts()).isEqualTo(StepOptions.NOTICE_ATTEMPTS);
        assertThat(startOf(StepOptions.NOTICE_ATTEMPTS, retries)).isLessThanOrEqualTo(StepOptions.NOTICE_BUDGET);
        assertThat(startOf(StepOptions.NOTICE_ATTEMPTS + 1, retries)).isGreaterThan(StepOptions.NOTICE_BUDGET);
    }

    @Test
    void givenARunBeforeTheCap_itsNoticesAreBoundByTimeAlone() {
        ActivityOptions uncapped = StepOptions.notice("run-started", false);

        assertThat(uncapped.getRetryOptions().getMaximumAttempts()).isZero();
        assertThat(uncapped.getScheduleToCloseTimeout()).isEqualTo(StepOptions.NOTICE_BUDGET);
    }

    /** When attempt {@code attempt} (from 1) starts, after the backoffs of those before it failed at once. */
    private static Duration startOf(int attempt, RetryOptions retries) {
        Duration start = Duration.ZERO;
        for (int failed = 1; failed < attempt; failed++) {
            double backoff = retries.getInitialInterval().toMillis() * Math.pow(retries.getBackoffCoefficient(), failed - 1);
            start = start.plusMillis((long) Math.min(backoff, retries.getMaximumInterval().toMillis()));
        }
        return start;
    }
}
