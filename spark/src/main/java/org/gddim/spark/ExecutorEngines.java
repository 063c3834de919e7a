package org.gddim.spark;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gddim.job.ShardMaker;

/**
 * The engines of one executor JVM: for each job (its arguments and CUDA device) the {@link ShardMaker}s its tasks
 * have opened, idle ones kept for the next task. A task borrows one (opening one only when every maker of the job is
 * busy, so an executor opens at most one per concurrent task slot), makes its shard and hands it back; the ONNX
 * session, the native library and the plan are thus built once per slot, not once per task. This is the JVM's one
 * piece of shared state, as Spark's executors expect (their tasks share nothing else); the makers are closed when
 * the JVM exits.
 */
final class ExecutorEngines {
    private ExecutorEngines() {}

    /** Which engine: the job's arguments (after {@link ExecutorFiles#localize}) and the CUDA device (0 on CPU). */
    record Key(List<String> args, int device) {}

    /** Opens a maker for a key. */
    @FunctionalInterface
    interface Opener {
        ShardMaker open(Key key) throws IOException;
    }

    private static final Map<Key, Deque<ShardMaker>> IDLE = new HashMap<>();
    private static final List<ShardMaker> ALL = new ArrayList<>();
    private static int opened;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorEngines::closeAll, "gddim-engines-close"));
    }

    /** A borrowed maker; closing it hands it back. */
    record Lease(Key key, ShardMaker maker) implements AutoCloseable {
        @Override
        public void close() {
            giveBack(key, maker);
        }
    }

    static Lease borrow(Key key, Opener opener) throws IOException {
        synchronized (ExecutorEngines.class) {
            Deque<ShardMaker> idle = IDLE.get(key);
            if (idle != null && !idle.isEmpty()) {
                return new Lease(key, idle.pop());
            }
        }
        ShardMaker m = opener.open(key); // outside the lock: opening takes seconds
        synchronized (ExecutorEngines.class) {
            ALL.add(m);
            opened++;
        }
        return new Lease(key, m);
    }

    /** Adds a maker the driver opened anyway (in local mode the driver's JVM is the executor's). */
    static synchronized void offer(Key key, ShardMaker maker) {
        ALL.add(maker);
        giveBack(key, maker);
    }

    private static synchronized void giveBack(Key key, ShardMaker maker) {
        IDLE.computeIfAbsent(key, k -> new ArrayDeque<>()).push(maker);
    }

    /** Makers this JVM has opened for tasks so far (not counting the driver's offer). */
    static synchronized int opened() {
        return opened;
    }

    /** Closes and forgets every idle maker (tests; the JVM's exit does it otherwise). */
    static synchronized void closeAll() {
        for (Deque<ShardMaker> idle : IDLE.values()) {
            idle.forEach(ShardMaker::close);
        }
        IDLE.clear();
        ALL.clear();
    }
}
