package com.recoverydesk.engine;

import java.time.Clock;
import java.time.Duration;

/**
 * How an {@link EmbeddedEngine} runs.
 *
 * @param port                 gRPC gateway port on loopback; 0 picks a free port ({@link EmbeddedEngine#port()} tells which)
 * @param commandThreads       threads that run commands against the database; keep it at or below the connection pool size
 * @param maxQueuedCommands    commands waiting for a thread beyond which the gateway answers RESOURCE_EXHAUSTED (back-pressure)
 * @param defaultLongPoll      how long an ActivateJobs call without its own request timeout waits for jobs
 * @param clock                the engine's notion of now (timers, job deadlines, message expiry)
 * @param timerMaxAttempts     failed tries after which a timer stops retrying and raises an incident (resolving it re-arms the timer)
 */
public record EngineSettings(int port, int commandThreads, int maxQueuedCommands, Duration defaultLongPoll, Clock clock, int timerMaxAttempts) {

    public EngineSettings {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (commandThreads < 1) throw new IllegalArgumentException("commandThreads must be at least 1");
        if (maxQueuedCommands < 1) throw new IllegalArgumentException("maxQueuedCommands must be at least 1");
        if (timerMaxAttempts < 1) throw new IllegalArgumentException("timerMaxAttempts must be at least 1");
    }

    /**
     * Zeebe's default port, 8 command threads, 10 s long polling, the system clock, an incident after 10 failed
     * tries of a timer (backing off 1 s, 2 s … 512 s between them: about 17 minutes in all).
     */
    public static EngineSettings defaults() {
        return new EngineSettings(26500, 8, 2000, Duration.ofSeconds(10), Clock.systemUTC(), 10);
    }

    public EngineSettings withPort(int newPort) {
        return new EngineSettings(newPort, commandThreads, maxQueuedCommands, defaultLongPoll, clock, timerMaxAttempts);
    }

    public EngineSettings withCommandThreads(int threads) {
        return new EngineSettings(port, threads, maxQueuedCommands, defaultLongPoll, clock, timerMaxAttempts);
    }

    public EngineSettings withMaxQueuedCommands(int max) {
        return new EngineSettings(port, commandThreads, max, defaultLongPoll, clock, timerMaxAttempts);
    }

    public EngineSettings withClock(Clock newClock) {
        return new EngineSettings(port, commandThreads, maxQueuedCommands, defaultLongPoll, newClock, timerMaxAttempts);
    }

    public EngineSettings withTimerMaxAttempts(int attempts) {
        return new EngineSettings(port, commandThreads, maxQueuedCommands, defaultLongPoll, clock, attempts);
    }
}
