package org.gddim.spark;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Runs engine work on a thread with a 16 MiB stack. Opening and running the ONNX session inside a Spark JVM on a
 * default 1 MiB thread stack (Spark's driver and task threads) crashed the JVM with SIGSEGV and no error file
 * (seen with mnist-edm in local mode, 2026-12-02; {@code -Xss4m} made it pass, as in the engine's test JVMs), so
 * the driver's set-up and every task's shard run here, whatever the cluster's JVM options.
 */
final class BigStack {
    private BigStack() {}

    static final long STACK_BYTES = 16L << 20;

    /** Work that may throw an IOException. */
    @FunctionalInterface
    interface Work<T> extends Callable<T> {
        @Override
        T call() throws IOException;
    }

    static <T> T call(String name, Work<T> work) throws IOException {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = work.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, name, STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) { // the task was killed: stop waiting, let the worker see it
            t.interrupt();
            Thread.currentThread().interrupt();
            throw new IOException(name + " interrupted", e);
        }
        switch (failure[0]) {
            case null -> { }
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IOException(failure[0]);
        }
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }
}
