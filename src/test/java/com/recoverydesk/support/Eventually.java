package com.recoverydesk.support;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waiting for what happens asynchronously (the engine's workers, the outbox, the mailer): polls
 * until the condition holds, or fails naming what did not happen.
 */
public final class Eventually {

    public static final Duration DEFAULT = Duration.ofSeconds(20);

    private Eventually() {
    }

    public static void await(String what, Supplier<Boolean> condition) {
        find(what, DEFAULT, () -> condition.get() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Polls until the probe finds something, and returns it. */
    public static <T> T find(String what, Duration wait, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + wait + " waiting for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
