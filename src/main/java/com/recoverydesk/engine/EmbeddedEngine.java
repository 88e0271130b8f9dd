package com.recoverydesk.engine;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded Zeebe-compatible process engine: a single-node engine that keeps all its state in the
 * given database and serves the Zeebe gateway gRPC API on loopback, so the official Camunda client talks
 * to it exactly as it would to a cluster.
 *
 * <pre>{@code
 * EmbeddedEngine engine = EmbeddedEngine.start(EngineSettings.defaults().withPort(0), dataSource);
 * CamundaClient client = CamundaClient.newClientBuilder()
 *         .grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
 *         .preferRestOverGrpc(false)
 *         .build();
 * ...
 * engine.close();
 * }</pre>
 *
 * {@link #overview()} lists active instances and open incidents for an operations screen.
 * {@link #start} migrates the engine's tables (Flyway, history table engine_schema_history), resumes what
 * was running (overdue timers fire, expired job deadlines return jobs to workers, pending message
 * correlations complete) and opens the port. {@link #close} stops accepting calls and waits briefly for
 * running commands; state is never lost, since every command commits before it answers.
 * The data source should be pooled, with at least {@link EngineSettings#commandThreads()} + 3 connections.
 */
public final class EmbeddedEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedEngine.class);
    private static final long MESSAGE_CLEANUP_INTERVAL_MILLIS = 10_000;
    /** Safety net only: failed correlations ask for a sweep within a second themselves. */
    private static final long CORRELATION_SWEEP_INTERVAL_MILLIS = 30_000;
    private static final long LEASE_CHECK_INTERVAL_MILLIS = 10_000;

    private final Server server;
    private final ThreadPoolExecutor commands;
    private final ExecutorService correlations;
    private final ScheduledExecutorService pollTimer;
    private final DueTimeLoop timerLoop;
    private final DueTimeLoop jobLoop;
    private final JobWaiters waiters;
    private final EngineOverview overview;
    private final EngineLease lease;

    private EmbeddedEngine(EngineSettings settings, DataSource dataSource) {
        EngineMigrations.migrate(dataSource);
        lease = EngineLease.acquire(dataSource);
        Db db = new Db(dataSource);
        db.guardedBy(lease::isHeld);
        Keys keys = new Keys(dataSource);
        overview = new EngineOverview(db);
        commands = new ThreadPoolExecutor(settings.commandThreads(), settings.commandThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.maxQueuedCommands()), named("engine-command"));
        correlations = Executors.newSingleThreadExecutor(named("engine-correlation"));
        pollTimer = Executors.newSingleThreadScheduledExecutor(named("engine-long-poll"));
        waiters = new JobWaiters(pollTimer);

        AfterCommit afterCommit = new AfterCommit();
        Engine engine = new Engine(db, keys, settings.clock(), settings.timerMaxAttempts(), afterCommit);
        timerLoop = new DueTimeLoop("engine-timers", settings.clock(), 5_000, now -> fireDueTimers(engine, now));
        jobLoop = new DueTimeLoop("engine-job-deadlines", settings.clock(), 5_000, new JobSweep(engine));
        afterCommit.wire(engine, timerLoop, jobLoop);
        engine.onCorrelationFailure(jobLoop::wakeAt);
        if (settings.clock() instanceof ControlledClock controlled) {
            controlled.onAdvance(() -> {
                timerLoop.wakeAt(Long.MIN_VALUE);
                jobLoop.wakeAt(Long.MIN_VALUE);
            });
        }

        try {
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()));
            server = builder.addService(new GatewayService(engine, commands, waiters, settings.defaultLongPoll().toMillis(), this::port))
                    .build().start();
        } catch (IOException e) {
            shutdownExecutors();
            lease.close();
            throw new UncheckedIOException("cannot open the engine's gateway port " + settings.port(), e);
        }
        timerLoop.start();
        // the job loop's first round also correlates what a stopped engine left buffered
        jobLoop.start();
        LOG.infof("Embedded process engine listening on 127.0.0.1:%d", server.getPort());
    }

    /** Migrates the schema, resumes running instances and opens the gateway. */
    public static EmbeddedEngine start(EngineSettings settings, DataSource dataSource) {
        return new EmbeddedEngine(settings, dataSource);
    }

    /** The bound gateway port (the chosen one when the settings asked for 0). */
    public int port() {
        return server.getPort();
    }

    /** Active instances and open incidents, for an operations screen. */
    public EngineOverview overview() {
        return overview;
    }

    @Override
    public void close() {
        server.shutdownNow();
        timerLoop.close();
        jobLoop.close();
        shutdownExecutors();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // last: nothing of this engine writes any more
        lease.close();
    }

    private void shutdownExecutors() {
        pollTimer.shutdownNow();
        correlations.shutdown();
        commands.shutdown();
        try {
            commands.awaitTermination(10, TimeUnit.SECONDS);
            correlations.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Fires what is due, each timer in its own transaction. A timer that fails is moved back by its
     * back-off and the others fire; only when the back-off itself cannot be written (the database is
     * gone) does the round end early.
     */
    private static long fireDueTimers(Engine engine, long now) {
        int batch = 100;
        List<Engine.DueTimer> due = engine.dueTimers(now, batch);
        for (Engine.DueTimer timer : due) {
            try {
                engine.fireTimer(timer);
            } catch (RuntimeException e) {
                try {
                    long retryAt = engine.backOffTimer(timer, now, faultName(e));
                    if (retryAt == Engine.TIMER_PARKED) {
                        LOG.errorf("timer %d could not fire (attempt %d) and gave up: incident raised: %s", timer.key(), timer.attempts() + 1, e.getMessage());
                    } else {
                        LOG.warnf("timer %d could not fire (attempt %d), next try at %d: %s", timer.key(), timer.attempts() + 1, retryAt, e.getMessage());
                    }
                } catch (RuntimeException unavailable) {
                    LOG.warnf("timer %d could not fire, nor its back-off be written, retrying shortly: %s", timer.key(), unavailable.getMessage());
                    return now + 1000;
                }
            }
        }
        return due.size() == batch ? now : engine.nextTimerDue();
    }

    /** A failure named for an incident text: the engine's own (SQL state only) messages, else the exception's type. */
    private static String faultName(RuntimeException e) {
        return e instanceof EngineException ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void correlateQuietly(Engine engine, long subscriptionKey) {
        try {
            engine.correlateBufferedMessages(subscriptionKey);
        } catch (RuntimeException e) {
            LOG.warnf("buffered messages for subscription %d not correlated yet, the sweep retries: %s", subscriptionKey, e.getMessage());
            engine.correlationFailed();
        }
    }

    /**
     * What a committed command tells the rest of the engine. It runs while the command still holds its
     * locks, so it only notifies or enqueues: long polls, schedulers, buffered-message look-ups.
     */
    private final class AfterCommit implements java.util.function.Consumer<Tx> {
        private Engine engine;
        private DueTimeLoop timers;
        private DueTimeLoop jobDeadlines;

        void wire(Engine engine, DueTimeLoop timers, DueTimeLoop jobDeadlines) {
            this.engine = engine;
            this.timers = timers;
            this.jobDeadlines = jobDeadlines;
        }

        @Override
        public void accept(Tx tx) {
            if (!tx.jobTypesReady.isEmpty()) waiters.jobsAvailable(List.copyOf(tx.jobTypesReady));
            if (tx.earliestTimer != Long.MAX_VALUE) timers.wakeAt(tx.earliestTimer);
            if (tx.earliestJobWake != Long.MAX_VALUE) jobDeadlines.wakeAt(tx.earliestJobWake);
            for (long subscription : tx.openedSubscriptions) correlations.execute(() -> correlateQuietly(engine, subscription));
        }
    }

    /**
     * Returns timed-out jobs to workers, announces jobs whose back-off ended, correlates buffered messages
     * that open subscriptions missed (at start, after a failed correlation, and now and then as a safety
     * net), checks the database lease and drops expired messages now and then.
     */
    private final class JobSweep implements java.util.function.LongUnaryOperator {
        private final Engine engine;
        private long lastCheck;
        private long lastMessageCleanup;
        private long lastCorrelationSweep; // 0: the first round sweeps (resumes what a stopped engine left)
        private long lastLeaseCheck;

        JobSweep(Engine engine) {
            this.engine = engine;
        }

        @Override
        public long applyAsLong(long now) {
            if (now - lastLeaseCheck >= LEASE_CHECK_INTERVAL_MILLIS) {
                lease.verify();
                lastLeaseCheck = now;
            }
            List<String> types = new ArrayList<>(engine.expireJobDeadlines());
            types.addAll(engine.jobTypesBackFromBackoff(lastCheck, now));
            lastCheck = now;
            if (!types.isEmpty()) waiters.jobsAvailable(types);
            if (engine.correlationRetryDue(now) || now - lastCorrelationSweep >= CORRELATION_SWEEP_INTERVAL_MILLIS) {
                // cleared first: a failure while sweeping asks for the next sweep again
                engine.clearCorrelationRetry();
                lastCorrelationSweep = now;
                for (long subscription : engine.openSubscriptionsWithBufferedMessages()) {
                    correlations.execute(() -> correlateQuietly(engine, subscription));
                }
            }
            if (now - lastMessageCleanup >= MESSAGE_CLEANUP_INTERVAL_MILLIS) {
                engine.deleteExpiredMessages();
                lastMessageCleanup = now;
            }
            long next = Math.min(engine.nextJobWake(now), lastMessageCleanup + MESSAGE_CLEANUP_INTERVAL_MILLIS);
            next = Math.min(next, Math.min(lastCorrelationSweep + CORRELATION_SWEEP_INTERVAL_MILLIS, engine.correlationRetryAt()));
            return Math.min(next, lastLeaseCheck + LEASE_CHECK_INTERVAL_MILLIS);
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
