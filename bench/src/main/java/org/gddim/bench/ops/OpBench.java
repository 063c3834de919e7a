package org.gddim.bench.ops;

import java.util.concurrent.TimeUnit;
import org.gddim.backend.Backend;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH setup every step benchmark shares (JMH reads these annotations and helpers from the superclass): average
 * time in microseconds, one fork with native access and a fixed 256 MiB heap, one thread, 3 x 1 s warm-up and
 * 5 x 1 s measurement; the subclass opens {@link #b} in its own {@code @Setup} (BenchData.open), closed here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms256m", "-Xmx256m"})
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class OpBench {
    /** The backend under test, opened by the subclass' setup. */
    Backend b;

    @TearDown(Level.Trial)
    public void tearDown() {
        b.close();
    }
}
