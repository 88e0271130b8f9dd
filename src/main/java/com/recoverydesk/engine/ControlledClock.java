package com.recoverydesk.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when told, for tests of time-driven behaviour (timers, job timeouts, message
 * expiry): an engine started with it fires a one-hour timer as soon as the test advances the clock by an
 * hour, without sleeping on the real clock. Advancing wakes the engine's schedulers at once.
 */
public final class ControlledClock extends Clock {

    private final AtomicLong millis;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public ControlledClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) throw new IllegalArgumentException("time does not run backwards");
        millis.addAndGet(duration.toMillis());
        listeners.forEach(Runnable::run);
    }

    void onAdvance(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the engine's clock is UTC");
    }
}
