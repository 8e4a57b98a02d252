package org.distreboot.activities;

import java.util.Optional;

/** Whether something outside the cluster says no reboot now (blockcmd): why, or empty when nothing blocks. */
@FunctionalInterface
public interface Blocker {
    Blocker NONE = Optional::empty;

    Optional<String> whyBlocked();
}
