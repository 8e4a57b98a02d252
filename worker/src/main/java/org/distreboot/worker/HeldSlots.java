package org.distreboot.worker;

import io.temporal.worker.tuning.ActivitySlotInfo;
import io.temporal.worker.tuning.CompositeTuner;
import io.temporal.worker.tuning.LocalActivitySlotInfo;
import io.temporal.worker.tuning.NexusSlotInfo;
import io.temporal.worker.tuning.SlotInfo;
import io.temporal.worker.tuning.SlotMarkUsedContext;
import io.temporal.worker.tuning.SlotPermit;
import io.temporal.worker.tuning.SlotReleaseContext;
import io.temporal.worker.tuning.SlotReserveContext;
import io.temporal.worker.tuning.SlotSupplier;
import io.temporal.worker.tuning.SlotSupplierFuture;
import io.temporal.worker.tuning.WorkerTuner;
import io.temporal.worker.tuning.WorkflowSlotInfo;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The slots a daemon's workers hold: the SDK takes one before each poll and gives it back when the
 * poll comes back empty, or when the task it brought is done and its reply sent. None held once a
 * shutdown has begun means no poll can still bring a task and no task is in hand: the daemon may
 * exit at once, losing nothing. (The SDK's own wait for its workers looks every 250 ms, stage after
 * stage: half a second on every reboot's path.) A daemon takes a handful of tasks a minute: the
 * slots are not bounded, the pollers (two and one a queue) are.
 */
final class HeldSlots {
    private final AtomicInteger held = new AtomicInteger();

    /** The tuner of each of the daemon's workers: their slots counted here. */
    WorkerTuner tuner() {
        return new CompositeTuner(new Counted<WorkflowSlotInfo>(), new Counted<ActivitySlotInfo>(),
                new Counted<LocalActivitySlotInfo>(), new Counted<NexusSlotInfo>());
    }

    boolean none() {
        return held.get() == 0;
    }

    private final class Counted<I extends SlotInfo> implements SlotSupplier<I> {
        @Override
        public SlotSupplierFuture reserveSlot(SlotReserveContext<I> context) {
            held.incrementAndGet();
            return SlotSupplierFuture.completedFuture(new SlotPermit());
        }

        @Override
        public Optional<SlotPermit> tryReserveSlot(SlotReserveContext<I> context) {
            held.incrementAndGet();
            return Optional.of(new SlotPermit());
        }

        @Override
        public void markSlotUsed(SlotMarkUsedContext<I> context) {
            // held since it was reserved
        }

        @Override
        public void releaseSlot(SlotReleaseContext<I> context) {
            held.decrementAndGet();
        }

        @Override
        public Optional<Integer> getMaximumSlots() {
            return Optional.empty();
        }
    }
}
