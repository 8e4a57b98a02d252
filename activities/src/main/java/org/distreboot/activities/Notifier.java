package org.distreboot.activities;

import org.distreboot.workflow.values.Notice;

/** Where the notices of a run go (notify.url). */
public interface Notifier {
    /** Returns once the notice is taken; throws {@link NoticeFailedException} when it was not. */
    void send(Notice notice) throws NoticeFailedException;

    /** This daemon has no notify.url: another daemon of the cluster may. */
    Notifier NONE = notice -> {
        throw new NoticeFailedException("notify.url is not set on this node");
    };

    /** A notice that did not get through, in words that name no secret (no path, no query). */
    final class NoticeFailedException extends Exception {
        public NoticeFailedException(String message) {
            super(message);
        }
    }
}
