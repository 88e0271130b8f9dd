package com.recoverydesk.engine;

import com.recoverydesk.engine.Deployments.Definition;
import com.recoverydesk.engine.ProcessExecutor.Incident;
import com.recoverydesk.engine.ProcessExecutor.Instance;
import com.recoverydesk.engine.ProcessExecutor.Job;
import com.recoverydesk.engine.ProcessExecutor.Subscription;
import com.recoverydesk.engine.ProcessExecutor.Timer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The engine's commands, one per gateway RPC. Each runs in one database transaction under the lock of
 * the process instance it touches, and reports what it changed to {@code afterCommit} (long polls,
 * schedulers, message correlation) only once the transaction has committed.
 */
final class Engine {

    record DeployedProcess(long definitionKey, String bpmnProcessId, int version, String resourceName) {}

    /** A deployment has a key of its own, as in Zeebe, also when every process in it was already deployed. */
    record Deployment(long key, List<DeployedProcess> processes) {}

    record CreatedInstance(long instanceKey, long definitionKey, String bpmnProcessId, int version) {}

    record ActivatedJob(long key, String type, long instanceKey, String bpmnProcessId, int version, long definitionKey,
                        String elementId, long elementInstanceKey, String customHeaders, String worker, int retries,
                        long deadline, String variables) {}

    private final Db db;
    private final Keys keys;
    private final Feel feel = new Feel();
    private final Deployments deployments;
    private final InstanceLocks locks = new InstanceLocks(512);
    private final InstanceLocks messageLocks = new InstanceLocks(64);
    private final InstanceLocks jobTypeLocks = new InstanceLocks(64);
    private final ReentrantLock deploymentLock = new ReentrantLock();
    private final Clock clock;
    private final int timerMaxAttempts;
    private final Consumer<Tx> afterCommit;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Engine.class);
    static final long CORRELATION_RETRY_MILLIS = 1_000;
    /** Told the instant by which the correlation sweep should run again, after a correlation failed. */
    private volatile java.util.function.LongConsumer correlationRetry = at -> { };
    private final java.util.concurrent.atomic.AtomicLong correlationRetryAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);

    Engine(Db db, Keys keys, Clock clock, int timerMaxAttempts, Consumer<Tx> afterCommit) {
        this.db = db;
        this.keys = keys;
        this.clock = clock;
        this.timerMaxAttempts = timerMaxAttempts;
        this.deployments = new Deployments(keys);
        this.afterCommit = afterCommit;
    }

    long now() {
        return clock.millis();
    }

    void onCorrelationFailure(java.util.function.LongConsumer retryAt) {
        this.correlationRetry = retryAt;
    }

    /** A correlation failed: the sweep runs again within {@value #CORRELATION_RETRY_MILLIS} ms. */
    void correlationFailed() {
        long at = now() + CORRELATION_RETRY_MILLIS;
        correlationRetryAt.accumulateAndGet(at, Math::min);
        correlationRetry.accept(at);
    }

    boolean correlationRetryDue(long now) {
        return correlationRetryAt.get() <= now;
    }

    long correlationRetryAt() {
        return correlationRetryAt.get();
    }

    void clearCorrelationRetry() {
        correlationRetryAt.set(Long.MAX_VALUE);
    }

    // ---- deployment and instances ------------------------------------------------------------------

    record Resource(String name, byte[] content) {}

    Deployment deploy(List<Resource> resources) {
        if (resources.isEmpty()) throw EngineException.invalid("Expected to deploy at least one resource, but none was given");
        for (Resource resource : resources) {
            if (!resource.name().endsWith(".bpmn") && !resource.name().endsWith(".xml")) {
                throw EngineException.invalid("Resource '" + resource.name() + "' is not supported: the embedded engine deploys BPMN processes only");
            }
        }
        deploymentLock.lock();
        try {
            return db.inTransaction(now(), tx -> deployments.deploy(tx, resources), afterCommit);
        } finally {
            deploymentLock.unlock();
        }
    }

    CreatedInstance createInstance(long definitionKey, String bpmnProcessId, int version, String variablesJson) {
        Map<String, Object> variables = Json.parseObject(variablesJson, "variables");
        Definition definition = db.withConnection(connection -> findDefinition(connection, definitionKey, bpmnProcessId, version));
        // The new key is not known before the command runs; lock the stripe of a key taken up front.
        long instanceKey = keys.next();
        return underLock(instanceKey, () -> db.inTransaction(now(), tx -> {
            ProcessExecutor executor = new ProcessExecutor(tx, keys, feel);
            long key = executor.startInstance(instanceKey, definition, variables);
            executor.finish();
            return new CreatedInstance(key, definition.key(), definition.bpmnProcessId(), definition.version());
        }, afterCommit));
    }

    private Definition findDefinition(Connection connection, long definitionKey, String bpmnProcessId, int version) throws SQLException {
        Optional<Definition> definition;
        String wanted;
        if (definitionKey > 0) {
            definition = deployments.byKey(connection, definitionKey);
            wanted = "key '" + definitionKey + "'";
        } else if (version < 0) {
            definition = deployments.latest(connection, bpmnProcessId);
            wanted = "BPMN process id '" + bpmnProcessId + "'";
        } else {
            definition = deployments.byVersion(connection, bpmnProcessId, version);
            wanted = "BPMN process id '" + bpmnProcessId + "' and version '" + version + "'";
        }
        return definition.orElseThrow(() -> EngineException.notFound(
                "Expected to find process definition with " + wanted + ", but none found"));
    }

    void cancelInstance(long instanceKey) {
        underLock(instanceKey, () -> db.inTransaction(now(), tx -> {
            Instance instance = activeInstance(tx, instanceKey)
                    .orElseThrow(() -> EngineException.notFound("Expected to cancel a process instance with key '" + instanceKey + "', but no such process was found"));
            new ProcessExecutor(tx, keys, feel).cancel(instance);
            return null;
        }, afterCommit));
    }

    long setVariables(long elementInstanceKey, String variablesJson, boolean local) {
        Map<String, Object> variables = Json.parseObject(variablesJson, "variables");
        long instanceKey = db.withConnection(connection -> instanceOfScope(connection, elementInstanceKey))
                .orElseThrow(() -> scopeNotFound(elementInstanceKey));
        return underLock(instanceKey, () -> db.inTransaction(now(), tx -> {
            if (instanceOfScope(tx.connection, elementInstanceKey).isEmpty()) throw scopeNotFound(elementInstanceKey);
            ProcessExecutor executor = new ProcessExecutor(tx, keys, feel);
            executor.setVariables(instanceKey, elementInstanceKey, variables, local);
            executor.variables.flush();
            return keys.next();
        }, afterCommit));
    }

    private static EngineException scopeNotFound(long key) {
        return EngineException.notFound("Expected to update variables for element with key '" + key + "', but no such element was found");
    }

    private Optional<Long> instanceOfScope(Connection connection, long elementInstanceKey) throws SQLException {
        Optional<Long> instance = Db.queryOne(connection, "SELECT instance_key FROM engine_process_instance WHERE instance_key = ? AND state = 'ACTIVE'",
                rs -> rs.getLong(1), elementInstanceKey);
        if (instance.isPresent()) return instance;
        return Db.queryOne(connection, "SELECT instance_key FROM engine_element_instance WHERE element_instance_key = ?",
                rs -> rs.getLong(1), elementInstanceKey);
    }

    // ---- jobs -------------------------------------------------------------------------------------

    void completeJob(long jobKey, String variablesJson) {
        Map<String, Object> variables = Json.parseObject(variablesJson, "variables");
        onJob(jobKey, "complete", (tx, executor, instance, job) -> {
            requireLiveJob(job, "complete");
            executor.completeJob(instance, job, variables);
            executor.finish();
        });
    }

    void failJob(long jobKey, int retries, String errorMessage, long retryBackOffMillis, String variablesJson) {
        Map<String, Object> variables = Json.parseObject(variablesJson, "variables");
        onJob(jobKey, "fail", (tx, executor, instance, job) -> {
            requireLiveJob(job, "fail");
            if (!variables.isEmpty()) executor.variables.setLocal(instance.key(), job.elementInstanceKey(), variables);
            if (retries > 0) {
                long activatableAt = tx.now + Math.max(0, retryBackOffMillis);
                Db.updateOne(tx.connection, "UPDATE engine_job SET state = 'ACTIVATABLE', retries = ?, activatable_at = ?, deadline = NULL, worker = NULL,"
                        + " error_message = ? WHERE job_key = ?", retries, activatableAt, ProcessExecutor.truncate(errorMessage), jobKey);
                if (activatableAt <= tx.now) tx.jobTypesReady.add(job.type());
                else tx.jobWakeNeeded(activatableAt);
            } else {
                Db.updateOne(tx.connection, "UPDATE engine_job SET state = 'FAILED', retries = 0, deadline = NULL, worker = NULL, error_message = ? WHERE job_key = ?",
                        ProcessExecutor.truncate(errorMessage), jobKey);
                Db.update(tx.connection, "INSERT INTO engine_incident (incident_key, instance_key, element_instance_key, element_id, job_key, error_type,"
                                + " error_message, created_at) VALUES (?, ?, ?, ?, ?, 'JOB_NO_RETRIES', ?, ?)",
                        keys.next(), instance.key(), job.elementInstanceKey(), job.elementId(), jobKey,
                        ProcessExecutor.truncate(errorMessage == null || errorMessage.isEmpty() ? "No more retries left." : errorMessage), tx.now);
            }
            executor.variables.flush();
        });
    }

    void throwError(long jobKey, String errorCode, String errorMessage, String variablesJson) {
        if (errorCode == null || errorCode.isEmpty()) throw EngineException.invalid("Expected to throw an error with a non-empty error code");
        Map<String, Object> variables = Json.parseObject(variablesJson, "variables");
        onJob(jobKey, "throw an error for", (tx, executor, instance, job) -> {
            requireLiveJob(job, "throw an error for");
            executor.throwError(instance, job, errorCode, errorMessage, variables);
            executor.finish();
        });
    }

    void updateJobRetries(long jobKey, int retries) {
        if (retries < 1) throw EngineException.invalid("Expected to update job retries to a positive number, but was " + retries);
        onJob(jobKey, "update the retries of", (tx, executor, instance, job) ->
                Db.update(tx.connection, "UPDATE engine_job SET retries = ? WHERE job_key = ?", retries, jobKey));
    }

    void updateJobTimeout(long jobKey, long timeoutMillis) {
        onJob(jobKey, "update the timeout of", (tx, executor, instance, job) -> {
            if (!job.state().equals("ACTIVATED")) {
                throw EngineException.invalidState("Expected to update the timeout of job with key '" + jobKey + "', but it is not activated");
            }
            long deadline = tx.now + Math.max(0, timeoutMillis);
            Db.update(tx.connection, "UPDATE engine_job SET deadline = ? WHERE job_key = ?", deadline, jobKey);
            tx.jobWakeNeeded(deadline);
        });
    }

    private interface JobWork {
        void run(Tx tx, ProcessExecutor executor, Instance instance, Job job) throws SQLException;
    }

    /** Finds the job's instance, locks it, re-reads the job inside the transaction: it may have moved meanwhile. */
    private void onJob(long jobKey, String action, JobWork work) {
        long instanceKey = db.withConnection(connection -> Db.queryOne(connection, "SELECT instance_key FROM engine_job WHERE job_key = ?",
                rs -> rs.getLong(1), jobKey)).orElseThrow(() -> jobNotFound(jobKey, action));
        underLock(instanceKey, () -> db.inTransaction(now(), tx -> {
            Job job = Db.queryOne(tx.connection, "SELECT job_key, job_type, state, instance_key, element_instance_key, element_id, definition_key, retries"
                            + " FROM engine_job WHERE job_key = ?",
                    rs -> new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getLong(7), rs.getInt(8)),
                    jobKey).orElseThrow(() -> jobNotFound(jobKey, action));
            Instance instance = activeInstance(tx, instanceKey).orElseThrow(() -> jobNotFound(jobKey, action));
            work.run(tx, new ProcessExecutor(tx, keys, feel), instance, job);
            return null;
        }, afterCommit));
    }

    private static void requireLiveJob(Job job, String action) {
        if (job.state().equals("FAILED") || job.state().equals("ERROR_THROWN")) {
            throw EngineException.invalidState("Expected to " + action + " job with key '" + job.key() + "', but it is in state '"
                    + job.state() + "' with an open incident");
        }
    }

    private static EngineException jobNotFound(long jobKey, String action) {
        return EngineException.notFound("Expected to " + action + " job with key '" + jobKey + "', but no such job was found");
    }

    /**
     * Hands out the oldest activatable jobs of a type and gives each a deadline. Concurrent activations
     * of one type are serialised; the conditional update skips a job that a command removed meanwhile.
     */
    List<ActivatedJob> activateJobs(String type, String worker, long timeoutMillis, int maxJobs, List<String> fetchVariables) {
        if (type == null || type.isBlank()) throw EngineException.invalid("Expected to activate jobs of a non-empty type");
        if (maxJobs < 1) throw EngineException.invalid("Expected to activate at least one job, but maxJobsToActivate was " + maxJobs);
        if (timeoutMillis < 1) throw EngineException.invalid("Expected a job timeout greater than zero, but was " + timeoutMillis);
        ReentrantLock typeLock = jobTypeLocks.forInstance(type.hashCode());
        typeLock.lock();
        try {
            return db.inTransaction(now(), tx -> {
                record Candidate(Job job, String headers) {}
                List<Candidate> candidates = Db.query(tx.connection, "SELECT job_key, job_type, state, instance_key, element_instance_key, element_id,"
                                + " definition_key, retries, custom_headers"
                                + " FROM engine_job WHERE job_type = ? AND state = 'ACTIVATABLE' AND activatable_at <= ? ORDER BY job_key LIMIT ?",
                        rs -> new Candidate(new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getString(6),
                                rs.getLong(7), rs.getInt(8)), rs.getString(9)),
                        type, tx.now, maxJobs);
                long deadline = tx.now + timeoutMillis;
                List<ActivatedJob> activated = new ArrayList<>();
                Variables variables = new Variables(tx);
                for (Candidate candidate : candidates) {
                    Job job = candidate.job();
                    int updated = Db.update(tx.connection, "UPDATE engine_job SET state = 'ACTIVATED', deadline = ?, worker = ? WHERE job_key = ? AND state = 'ACTIVATABLE'",
                            deadline, worker, job.key());
                    if (updated == 0) continue;
                    activated.add(describeActivated(tx, variables, job, candidate.headers(), worker, deadline, fetchVariables));
                }
                if (!activated.isEmpty()) tx.jobWakeNeeded(deadline);
                return activated;
            }, afterCommit);
        } finally {
            typeLock.unlock();
        }
    }

    private ActivatedJob describeActivated(Tx tx, Variables variables, Job job, String headers, String worker, long deadline,
                                           List<String> fetchVariables) throws SQLException {
        Definition definition = deployments.byKey(tx.connection, job.definitionKey()).orElseThrow();
        Map<String, Object> visible = variables.visibleFrom(job.instanceKey(), job.elementInstanceKey());
        if (!fetchVariables.isEmpty()) visible.keySet().retainAll(fetchVariables);
        return new ActivatedJob(job.key(), job.type(), job.instanceKey(), definition.bpmnProcessId(), definition.version(), definition.key(),
                job.elementId(), job.elementInstanceKey(), headers, worker, job.retries(), deadline, Json.write(visible));
    }

    /** Returns timed-out jobs to activatable (their retries untouched) and says which types now have jobs. */
    List<String> expireJobDeadlines() {
        return db.withConnection(connection -> {
            long now = now();
            List<String> types = Db.query(connection, "SELECT DISTINCT job_type FROM engine_job WHERE state = 'ACTIVATED' AND deadline <= ?",
                    rs -> rs.getString(1), now);
            if (!types.isEmpty()) {
                Db.update(connection, "UPDATE engine_job SET state = 'ACTIVATABLE', deadline = NULL, worker = NULL, activatable_at = ?"
                        + " WHERE state = 'ACTIVATED' AND deadline <= ?", now, now);
            }
            return types;
        });
    }

    /**
     * Job types whose retry back-off ended in (since, until]: their waiting long polls must hear of it. Only deferred
     * jobs (activatable_at after created_at) can be among them: a new job was announced when it was created. The same
     * condition keeps these look-ups on PostgreSQL's partial index of deferred jobs, whatever the backlog.
     */
    List<String> jobTypesBackFromBackoff(long since, long until) {
        return db.withConnection(connection -> Db.query(connection,
                "SELECT DISTINCT job_type FROM engine_job WHERE state = 'ACTIVATABLE' AND activatable_at > created_at"
                        + " AND activatable_at > ? AND activatable_at <= ?",
                rs -> rs.getString(1), since, until));
    }

    /** The next instant a job deadline expires or a back-off ends, or Long.MAX_VALUE. */
    long nextJobWake(long now) {
        return db.withConnection(connection -> {
            long deadline = Db.queryOne(connection, "SELECT MIN(deadline) FROM engine_job WHERE state = 'ACTIVATED'", rs -> rs.getLong(1))
                    .filter(value -> value > 0).orElse(Long.MAX_VALUE);
            long backoff = Db.queryOne(connection, "SELECT MIN(activatable_at) FROM engine_job WHERE state = 'ACTIVATABLE' AND activatable_at > created_at AND activatable_at > ?",
                    rs -> rs.getLong(1), now).filter(value -> value > 0).orElse(Long.MAX_VALUE);
            return Math.min(deadline, backoff);
        });
    }

    // ---- incidents ----------------------------------------------------------------------------------

    void resolveIncident(long incidentKey) {
        long instanceKey = db.withConnection(connection -> Db.queryOne(connection, "SELECT instance_key FROM engine_incident WHERE incident_key = ?",
                rs -> rs.getLong(1), incidentKey)).orElseThrow(() -> incidentNotFound(incidentKey));
        underLock(instanceKey, () -> db.inTransaction(now(), tx -> {
            Incident incident = Db.queryOne(tx.connection, "SELECT incident_key, instance_key, element_instance_key, element_id, job_key, error_type"
                            + " FROM engine_incident WHERE incident_key = ?",
                    rs -> new Incident(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), (Long) rs.getObject(5, Long.class), rs.getString(6)),
                    incidentKey).orElseThrow(() -> incidentNotFound(incidentKey));
            Instance instance = activeInstance(tx, instanceKey).orElseThrow(() -> incidentNotFound(incidentKey));
            ProcessExecutor executor = new ProcessExecutor(tx, keys, feel);
            Optional<Long> timerKey = Db.queryOne(tx.connection, "SELECT timer_key FROM engine_incident WHERE incident_key = ? AND timer_key IS NOT NULL",
                    rs -> rs.getLong(1), incidentKey);
            if (timerKey.isPresent()) {
                // a timer that gave up: it is due again now, with all its tries
                Db.update(tx.connection, "UPDATE engine_timer SET due_at = ?, attempts = 0 WHERE timer_key = ?", tx.now, timerKey.get());
                Db.update(tx.connection, "DELETE FROM engine_incident WHERE incident_key = ?", incidentKey);
                tx.timerScheduled(tx.now);
            } else if (incident.jobKey() != null) {
                String jobType = Db.queryOne(tx.connection, "SELECT job_type FROM engine_job WHERE job_key = ?", rs -> rs.getString(1), incident.jobKey()).orElseThrow();
                int retries = (int) Db.queryLong(tx.connection, "SELECT retries FROM engine_job WHERE job_key = ?", incident.jobKey());
                if (retries < 1) {
                    throw EngineException.invalidState("Expected to resolve incident with key '" + incidentKey + "', but job '" + incident.jobKey()
                            + "' has no retries left: update its retries first");
                }
                Db.update(tx.connection, "UPDATE engine_job SET state = 'ACTIVATABLE', activatable_at = ?, deadline = NULL, worker = NULL WHERE job_key = ?",
                        tx.now, incident.jobKey());
                Db.update(tx.connection, "DELETE FROM engine_incident WHERE incident_key = ?", incidentKey);
                tx.jobTypesReady.add(jobType);
            } else {
                executor.resolveElementIncident(instance, incident);
            }
            executor.finish();
            return null;
        }, afterCommit));
    }

    private static EngineException incidentNotFound(long incidentKey) {
        return EngineException.notFound("Expected to resolve incident with key '" + incidentKey + "', but no such incident was found");
    }

    // ---- timers ---------------------------------------------------------------------------------------

    record DueTimer(long key, long instanceKey, int attempts) {}

    List<DueTimer> dueTimers(long now, int limit) {
        return db.withConnection(connection -> Db.query(connection,
                "SELECT timer_key, instance_key, attempts FROM engine_timer WHERE due_at <= ? ORDER BY due_at, timer_key LIMIT ?",
                rs -> new DueTimer(rs.getLong(1), rs.getLong(2), rs.getInt(3)), now, limit));
    }

    long nextTimerDue() {
        return db.withConnection(connection -> Db.queryOne(connection, "SELECT MIN(due_at) FROM engine_timer", rs -> rs.getLong(1))
                .filter(value -> value > 0).orElse(Long.MAX_VALUE));
    }

    /** Fires one timer in its own transaction; never before its due time. A timer of an instance that ended is deleted. */
    void fireTimer(DueTimer due) {
        underLock(due.instanceKey(), () -> db.inTransaction(now(), tx -> {
            Optional<Timer> timer = Db.queryOne(tx.connection, "SELECT timer_key, instance_key, owner_key, element_id FROM engine_timer"
                            + " WHERE timer_key = ? AND due_at <= ?",
                    rs -> new Timer(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)), due.key(), tx.now);
            if (timer.isEmpty()) return null;
            Optional<Instance> instance = activeInstance(tx, due.instanceKey());
            if (instance.isEmpty()) {
                // an orphan: left alone it would be due for ever, and a batch full of them would spin the loop
                Db.update(tx.connection, "DELETE FROM engine_timer WHERE timer_key = ?", due.key());
                return null;
            }
            ProcessExecutor executor = new ProcessExecutor(tx, keys, feel);
            executor.fireTimer(instance.get(), timer.get());
            executor.finish();
            return null;
        }, afterCommit));
    }

    /** due_at of a timer that gave up after its tries: never due until its incident is resolved. */
    static final long TIMER_PARKED = Long.MAX_VALUE;

    /**
     * A timer that failed to fire waits 1 s, 2 s, 4 s … up to 5 minutes before its next try; the others go on.
     * After {@code timerMaxAttempts} failed tries it stops and raises an incident on its element (an operator
     * sees it beside the job incidents and retries it with ResolveIncident).
     *
     * @param fault what the last try met, named without detail (a SQL state or an exception type): no values
     * @return the time of the next try, or {@link #TIMER_PARKED} when the incident was raised
     */
    long backOffTimer(DueTimer due, long now, String fault) {
        int attempts = due.attempts() + 1;
        if (attempts < timerMaxAttempts) {
            long retryAt = now + timerBackoffMillis(attempts);
            db.withConnection(connection -> Db.update(connection, "UPDATE engine_timer SET due_at = ?, attempts = ? WHERE timer_key = ?",
                    retryAt, attempts, due.key()));
            return retryAt;
        }
        underLock(due.instanceKey(), () -> db.inTransaction(now(), tx -> {
            Optional<Timer> timer = Db.queryOne(tx.connection, "SELECT timer_key, instance_key, owner_key, element_id FROM engine_timer WHERE timer_key = ?",
                    rs -> new Timer(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)), due.key());
            if (timer.isEmpty()) return null; // its element moved on meanwhile
            Db.update(tx.connection, "UPDATE engine_timer SET due_at = ?, attempts = ? WHERE timer_key = ?", TIMER_PARKED, attempts, due.key());
            Db.update(tx.connection, "INSERT INTO engine_incident (incident_key, instance_key, element_instance_key, element_id, job_key, error_type,"
                            + " error_message, created_at, timer_key) VALUES (?, ?, ?, ?, NULL, 'TIMER_NO_RETRIES', ?, ?, ?)",
                    keys.next(), due.instanceKey(), timer.get().ownerKey(), timer.get().elementId(),
                    "Timer '" + timer.get().elementId() + "' could not fire after " + attempts + " tries (last: " + fault + ")."
                            + " Resolving the incident makes it due at once, with " + timerMaxAttempts + " tries again.",
                    tx.now, due.key());
            return null;
        }, afterCommit));
        return TIMER_PARKED;
    }

    static long timerBackoffMillis(int attempts) {
        return Math.min(1000L << Math.min(Math.max(attempts - 1, 0), 9), 300_000L);
    }

    // ---- messages --------------------------------------------------------------------------------------

    /**
     * Stores the message (idempotent per message id while it is buffered), then correlates it to the open
     * subscriptions. A message with a TTL of zero only reaches subscriptions open at this moment.
     */
    long publishMessage(String name, String correlationKey, long ttlMillis, String messageId, String variablesJson) {
        if (name == null || name.isBlank()) throw EngineException.invalid("Expected to publish a message with a non-empty name");
        Map<String, Object> variables = Json.parseObject(variablesJson, "variables");
        String key = correlationKey == null ? "" : correlationKey;
        String id = messageId == null || messageId.isEmpty() ? null : messageId;
        long messageKey = keys.next();
        ReentrantLock messageLock = messageLocks.forInstance((name + '\u0000' + key).hashCode());
        messageLock.lock();
        try {
            db.inTransaction(now(), tx -> {
                if (id != null && Db.queryLong(tx.connection, "SELECT COUNT(*) FROM engine_message WHERE message_name = ? AND correlation_key = ?"
                        + " AND message_id = ? AND expires_at > ?", name, key, id, tx.now) > 0) {
                    throw new EngineException(EngineException.Rejection.ALREADY_EXISTS, "Expected to publish a new message with id '" + id
                            + "', but a message with that id was already published");
                }
                Db.update(tx.connection, "INSERT INTO engine_message (message_key, message_name, correlation_key, message_id, variables, published_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", messageKey, name, key, id, Json.write(variables), tx.now, tx.now + Math.max(0, ttlMillis));
                return null;
            }, afterCommit);
        } finally {
            messageLock.unlock();
        }
        // Stored: from here on the publish has happened. Correlating is the engine's job now; a failure
        // below leaves the message buffered and the correlation sweep retries it.
        boolean allCorrelated = true;
        try {
            List<Subscription> open = db.withConnection(connection -> Db.query(connection,
                    "SELECT subscription_key, instance_key, owner_key, element_id, bpmn_process_id, message_name, correlation_key FROM engine_message_subscription"
                            + " WHERE message_name = ? AND correlation_key = ? ORDER BY subscription_key", this::subscription, name, key));
            for (Subscription subscription : open) {
                try {
                    correlate(subscription.key(), subscription.instanceKey(), messageKey, true);
                } catch (RuntimeException e) {
                    allCorrelated = false;
                    LOG.warnf("message %d not correlated to subscription %d yet, the sweep retries: %s", messageKey, subscription.key(), e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            allCorrelated = false;
            LOG.warnf("message %d stored, its subscriptions not read yet, the sweep retries: %s", messageKey, e.getMessage());
        }
        if (ttlMillis <= 0) {
            // a message without TTL only meets the subscriptions open now, so it is not kept for the sweep;
            // if one of them failed, the publish fails and the client's retry meets those still open
            db.withConnection(connection -> {
                Db.update(connection, "DELETE FROM engine_message_correlation WHERE message_key = ?", messageKey);
                return Db.update(connection, "DELETE FROM engine_message WHERE message_key = ?", messageKey);
            });
            if (!allCorrelated) throw new EngineException(EngineException.Rejection.UNAVAILABLE, "the message could not be correlated now; retry");
        } else if (!allCorrelated) {
            correlationFailed();
        }
        return messageKey;
    }

    /** After a subscription opened: the oldest buffered, unexpired message that it may take. */
    void correlateBufferedMessages(long subscriptionKey) {
        Optional<Subscription> subscription = db.withConnection(connection -> Db.queryOne(connection,
                "SELECT subscription_key, instance_key, owner_key, element_id, bpmn_process_id, message_name, correlation_key FROM engine_message_subscription"
                        + " WHERE subscription_key = ?", this::subscription, subscriptionKey));
        if (subscription.isEmpty()) return;
        Subscription open = subscription.get();
        List<Long> candidates = db.withConnection(connection -> Db.query(connection,
                "SELECT message_key FROM engine_message m WHERE message_name = ? AND correlation_key = ? AND expires_at > ?"
                        + " AND NOT EXISTS (SELECT 1 FROM engine_message_correlation c WHERE c.message_key = m.message_key AND c.bpmn_process_id = ?)"
                        + " ORDER BY message_key", rs -> rs.getLong(1), open.messageName(), open.correlationKey(), now(), open.bpmnProcessId()));
        for (long messageKey : candidates) {
            if (correlate(open.key(), open.instanceKey(), messageKey, false)) return;
        }
    }

    /**
     * Subscriptions that missed a buffered message they may take: the engine stopped in between, or a
     * correlation failed. Messages already correlated in the subscription's process do not count.
     */
    List<Long> openSubscriptionsWithBufferedMessages() {
        return db.withConnection(connection -> Db.query(connection,
                "SELECT DISTINCT s.subscription_key FROM engine_message_subscription s JOIN engine_message m"
                        + " ON m.message_name = s.message_name AND m.correlation_key = s.correlation_key WHERE m.expires_at > ?"
                        + " AND NOT EXISTS (SELECT 1 FROM engine_message_correlation c WHERE c.message_key = m.message_key"
                        + " AND c.bpmn_process_id = s.bpmn_process_id)",
                rs -> rs.getLong(1), now()));
    }

    /**
     * Correlates one message to one subscription, in the subscribing instance's transaction. The message
     * lock, held until commit, makes "at most once per process" hold between instances.
     */
    private boolean correlate(long subscriptionKey, long instanceKey, long messageKey, boolean justPublished) {
        return underLock(instanceKey, () -> {
            Optional<Subscription> peek = db.withConnection(connection -> Db.queryOne(connection,
                    "SELECT subscription_key, instance_key, owner_key, element_id, bpmn_process_id, message_name, correlation_key"
                            + " FROM engine_message_subscription WHERE subscription_key = ?", this::subscription, subscriptionKey));
            if (peek.isEmpty()) return false;
            ReentrantLock messageLock = messageLocks.forInstance((peek.get().messageName() + '\u0000' + peek.get().correlationKey()).hashCode());
            messageLock.lock();
            try {
                return db.inTransaction(now(), tx -> {
                    Optional<Subscription> subscription = Db.queryOne(tx.connection,
                            "SELECT subscription_key, instance_key, owner_key, element_id, bpmn_process_id, message_name, correlation_key"
                                    + " FROM engine_message_subscription WHERE subscription_key = ?", this::subscription, subscriptionKey);
                    // a just-published message correlates even with a TTL of zero; a buffered one only until it expires
                    Optional<String> messageVariables = Db.queryOne(tx.connection,
                            "SELECT variables FROM engine_message WHERE message_key = ? AND expires_at > ?",
                            rs -> rs.getString(1), messageKey, justPublished ? Long.MIN_VALUE : tx.now);
                    Optional<Instance> instance = activeInstance(tx, instanceKey);
                    if (subscription.isPresent() && instance.isEmpty()) {
                        // left behind by an instance that ended: it would meet every sweep again
                        Db.update(tx.connection, "DELETE FROM engine_message_subscription WHERE subscription_key = ?", subscriptionKey);
                        return false;
                    }
                    if (subscription.isEmpty() || messageVariables.isEmpty() || instance.isEmpty()) return false;
                    long alreadyInProcess = Db.queryLong(tx.connection,
                            "SELECT COUNT(*) FROM engine_message_correlation WHERE message_key = ? AND bpmn_process_id = ?",
                            messageKey, subscription.get().bpmnProcessId());
                    if (alreadyInProcess > 0) return false;
                    Db.update(tx.connection, "INSERT INTO engine_message_correlation (message_key, bpmn_process_id, instance_key) VALUES (?, ?, ?)",
                            messageKey, subscription.get().bpmnProcessId(), instanceKey);
                    ProcessExecutor executor = new ProcessExecutor(tx, keys, feel);
                    executor.correlateMessage(instance.get(), subscription.get(), Json.readStored(messageVariables.get()));
                    executor.finish();
                    return true;
                }, afterCommit);
            } finally {
                messageLock.unlock();
            }
        });
    }

    /** Deletes expired messages and their correlation records. */
    void deleteExpiredMessages() {
        db.withConnection(connection -> {
            long now = now();
            Db.update(connection, "DELETE FROM engine_message_correlation WHERE message_key IN (SELECT message_key FROM engine_message WHERE expires_at <= ?)", now);
            return Db.update(connection, "DELETE FROM engine_message WHERE expires_at <= ?", now);
        });
    }

    private Subscription subscription(ResultSet rs) throws SQLException {
        return new Subscription(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
    }

    // ---- shared -------------------------------------------------------------------------------------

    private Optional<Instance> activeInstance(Tx tx, long instanceKey) throws SQLException {
        Optional<Long> definitionKey = Db.queryOne(tx.connection,
                "SELECT definition_key FROM engine_process_instance WHERE instance_key = ? AND state = 'ACTIVE'", rs -> rs.getLong(1), instanceKey);
        if (definitionKey.isEmpty()) return Optional.empty();
        Definition definition = deployments.byKey(tx.connection, definitionKey.get()).orElseThrow();
        return Optional.of(new Instance(instanceKey, definition));
    }

    private <T> T underLock(long instanceKey, java.util.function.Supplier<T> work) {
        ReentrantLock lock = locks.forInstance(instanceKey);
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
