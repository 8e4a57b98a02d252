package org.distreboot.activities;

/** How a node is made ready to go down: stop services, hand leadership over. */
public interface Drainer {
    Drainer NONE = stillAlive -> { };

    /** Calls {@code stillAlive} now and then while it works. */
    void drain(Runnable stillAlive) throws CommandFailedException;
}
