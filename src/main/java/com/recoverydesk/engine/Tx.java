package com.recoverydesk.engine;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One command's database transaction and what it changed that others must hear about once it commits:
 * job types that got activatable jobs (wake long polls), the earliest new timer or job deadline (wake the
 * schedulers), and newly opened message subscriptions (look for buffered messages).
 */
final class Tx {

    final Connection connection;
    /** The command's single notion of now, so every row it writes agrees on the time. */
    final long now;

    final Set<String> jobTypesReady = new HashSet<>();
    final List<Long> openedSubscriptions = new ArrayList<>();
    long earliestTimer = Long.MAX_VALUE;
    long earliestJobWake = Long.MAX_VALUE;

    Tx(Connection connection, long now) {
        this.connection = connection;
        this.now = now;
    }

    void timerScheduled(long dueAt) {
        earliestTimer = Math.min(earliestTimer, dueAt);
    }

    void jobWakeNeeded(long at) {
        earliestJobWake = Math.min(earliestJobWake, at);
    }
}
