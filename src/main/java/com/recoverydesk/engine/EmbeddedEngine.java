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

    private final Server server;
    private final ThreadPoolExecutor commands;
    private final ExecutorService correlations;
    private final ScheduledExecutorService pollTimer;
    private final DueTimeLoop timerLoop;
    private final DueTimeLoop jobLoop;
    private final JobWaiters waiters;
    private final EngineOverview overview;

    private EmbeddedEngine(EngineSettings settings, DataSource dataSource) {
        EngineMigrations.migrate(dataSource);
        Db db = new Db(dataSource);
        Keys keys = new Keys(dataSource);
        overview = new EngineOverview(db);
        commands = new ThreadPoolExecutor(settings.commandThreads(), settings.commandThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.maxQueuedCommands()), named("engine-command"));
        correlations = Executors.newSingleThreadExecutor(named("engine-correlation"));
        pollTimer = Executors.newSingleThreadScheduledExecutor(named("engine-long-poll"));
        waiters = new JobWaiters(pollTimer);

        AfterCommit afterCommit = new AfterCommit();
        Engine engine = new Engine(db, keys, settings.clock(), afterCommit);
        timerLoop = new DueTimeLoop("engine-timers", settings.clock(), 5_000, now -> fireDueTimers(engine, now));
        jobLoop = new DueTimeLoop("engine-job-deadlines", settings.clock(), 5_000, new JobSweep(engine));
        afterCommit.wire(engine, timerLoop, jobLoop);

        try {
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()));
            server = builder.addService(new GatewayService(engine, commands, waiters, settings.defaultLongPoll().toMillis(), this::port))
                    .build().start();
        } catch (IOException e) {
            shutdownExecutors();
            throw new UncheckedIOException("cannot open the engine's gateway port " + settings.port(), e);
        }
        timerLoop.start();
        jobLoop.start();
        for (long subscription : engine.openSubscriptionsWithBufferedMessages()) {
            correlations.execute(() -> correlateQuietly(engine, subscription));
        }
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

    private static long fireDueTimers(Engine engine, long now) {
        int batch = 100;
        List<Engine.DueTimer> due = engine.dueTimers(now, batch);
        for (Engine.DueTimer timer : due) {
            try {
                engine.fireTimer(timer);
            } catch (RuntimeException e) {
                LOG.warnf("timer %d could not fire, will retry: %s", timer.key(), e.getMessage());
                return now + 1000;
            }
        }
        return due.size() == batch ? now : engine.nextTimerDue();
    }

    private static void correlateQuietly(Engine engine, long subscriptionKey) {
        try {
            engine.correlateBufferedMessages(subscriptionKey);
        } catch (RuntimeException e) {
            LOG.warnf("buffered messages for subscription %d not correlated yet: %s", subscriptionKey, e.getMessage());
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

    /** Returns timed-out jobs to workers, announces jobs whose back-off ended, and drops expired messages now and then. */
    private final class JobSweep implements java.util.function.LongUnaryOperator {
        private final Engine engine;
        private long lastCheck;
        private long lastMessageCleanup;

        JobSweep(Engine engine) {
            this.engine = engine;
        }

        @Override
        public long applyAsLong(long now) {
            List<String> types = new ArrayList<>(engine.expireJobDeadlines());
            types.addAll(engine.jobTypesBackFromBackoff(lastCheck, now));
            lastCheck = now;
            if (!types.isEmpty()) waiters.jobsAvailable(types);
            if (now - lastMessageCleanup >= MESSAGE_CLEANUP_INTERVAL_MILLIS) {
                engine.deleteExpiredMessages();
                lastMessageCleanup = now;
            }
            return Math.min(engine.nextJobWake(now), lastMessageCleanup + MESSAGE_CLEANUP_INTERVAL_MILLIS);
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
