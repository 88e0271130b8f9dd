package com.recoverydesk.engine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises commands per process instance inside this JVM (the engine is single-node by design), while
 * different instances run in parallel. Striped: two instances may share a lock, which only costs a wait.
 */
final class InstanceLocks {

    private final ReentrantLock[] stripes;

    InstanceLocks(int count) {
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) stripes[i] = new ReentrantLock();
    }

    ReentrantLock forInstance(long instanceKey) {
        return stripes[Math.floorMod(Long.hashCode(instanceKey * 0x9E3779B97F4A7C15L), stripes.length)];
    }
}
