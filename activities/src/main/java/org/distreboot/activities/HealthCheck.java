package org.distreboot.activities;

import java.util.Optional;

/** How a node tells it has rejoined, resynchronised and sees quorum. */
public interface HealthCheck {
    HealthCheck NONE = Optional::empty;

    /** Empty when healthy, else why not, in one line. */
    Optional<String> whyNotHealthy();
}
