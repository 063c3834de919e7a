package org.gddim.api;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.function.Consumer;
import org.gddim.backend.Backend;
import org.gddim.backend.Backends;
import org.gddim.job.BatchLoop;
import org.gddim.job.JobPipeline;
import org.gddim.job.ModelSetup;
import org.gddim.job.NoiseSource;
import org.gddim.job.SampleJob;
import org.gddim.model.ScoreModel;
import org.gddim.model.ScoreModels;
import org.gddim.process.Process;
import org.gddim.solver.Plan;
import org.gddim.solver.StepObserver;

/**
 * An open sampling job: the backend, the score model (an ONNX Runtime session for ONNX models) and the solver's plan,
 * held until {@link #close()}. It draws any range of sample indices into the caller's buffers ({@link #sample}) or
 * streams batches to a sink ({@link #generate}); buffer layout and the index contract are in the package doc.
 *
 * <p>Threads: every method may be called from any thread; calls on one sampler run one at a time (they lock it), so
 * run several samplers, one per thread, to sample in parallel (each its own backend and model; memory adds up). The
 * work runs on the calling thread (and ONNX Runtime's own threads for an ONNX model).
 *
 * <p>Memory: the backend holds one state of the full batch, and a call for fewer samples than a batch runs them as
 * batches of powers of two (20 = 16 + 4), whose states are kept for reuse too: at most about twice a full batch's
 * memory in all, whatever the calls ask for.
 */
public final class Sampler implements AutoCloseable {
    /** Largest sample index + 1 a call may reach: far beyond any run, and index arithmetic cannot overflow. */
    private static final long INDEX_LIMIT = Long.MAX_VALUE / 2;

    private final SampleJob job;
    private final Backend backend;
    private final ScoreModels.Opened opened;
    private final ScoreModel model;
    private final Plan plan;
    private final int batch;
    private final int dataSize; // D: elements of one output sample
    private final int[] dataShape; // (D...)
    private final BatchLoop loop; // keeps one state per batch size: the full batch and the powers of two below it
    private boolean closed;

    private Sampler(SampleJob job, Backend backend, ScoreModels.Opened opened, Process process, Plan plan, double tMax) {
        this.job = job;
        this.backend = backend;
        this.opened = opened;
        this.model = opened.model();
        this.plan = plan;
        int stateSize = model.stateShape().size();
        this.batch = job.batch() != null ? job.batch() : SampleJob.defaultBatch(stateSize);
        this.dataSize = model.shape().size();
        this.dataShape = model.shape().dims();
        model.prepare(plan.evalTimes(), batch);
        this.loop = new BatchLoop(plan, model, backend, process, tMax, new NoiseSource.Seeded(job.seed(), stateSize),
                job.seed(), batch, job.usesGraph());
    }

    /**
     * A builder with the CLI's defaults; give it a model, then {@link SamplerBuilder#open()}.
     *
     * @return a new builder
     */
    public static SamplerBuilder builder() {
        return new SamplerBuilder();
    }

    /**
     * Opens a sampler for a job record of the CLI ({@code gddim sample}'s own spec); its {@code count}, {@code out} and
     * {@code force} are not used (a sampler writes no files, and serves any index), and {@code initNoise} must be null.
     *
     * @param job the job, e.g. {@link SamplerBuilder#job()}
     * @return the sampler, which the caller closes
     * @throws GddimException naming the model, setting or backend that is wrong, as {@code gddim sample} would
     */
    public static Sampler open(SampleJob job) {
        if (job.initNoise() != null) {
            throw new GddimException("the Java API draws its noise from the seed; an --init-noise file is for "
                    + "gddim sample", null);
        }
        Backend backend = null;
        ScoreModels.Opened opened = null;
        try {
            ModelSetup setup = ModelSetup.of(job.model(), job.process(), job.schedule(), "sample it");
            Process process = setup.process();
            double[] range = setup.timeRange(job.tMax(), job.tMin());
            Plan plan = JobPipeline.plan(job, process, range[0], range[1]);
            backend = Backends.open(job.backend());
            opened = JobPipeline.openModel(job, setup, backend);
            return new Sampler(job, backend, opened, process, plan, range[0]);
        } catch (RuntimeException e) {
            release(opened, backend);
            throw Refusals.of(e);
        } catch (IOException e) {
            release(opened, backend);
            throw Refusals.of(e);
        }
    }

    private static void release(ScoreModels.Opened opened, Backend backend) {
        if (opened != null) {
            opened.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /**
     * The job this sampler runs.
     *
     * @return the job record (its count, out and force are placeholders)
     */
    public SampleJob job() {
        return job;
    }

    /**
     * The shape {@code (D...)} of one sample.
     *
     * @return e.g. {@code [8]} or {@code [1, 28, 28]}; a new array each call
     */
    public int[] sampleShape() {
        return dataShape.clone();
    }

    /**
     * The size of one sample.
     *
     * @return D, the float32 elements of one sample (the product of {@link #sampleShape()})
     */
    public int sampleSize() {
        return dataSize;
    }

    /**
     * The batch size.
     *
     * @return the largest number of samples one batch holds (the job's batch, or the default for this model)
     */
    public int batch() {
        return batch;
    }

    /**
     * The method.
     *
     * @return the method and its settings as the run manifest names them
     */
    public String method() {
        return plan.method();
    }

    /**
     * The cost of one sample.
     *
     * @return network evaluations per sample
     */
    public int nfe() {
        return plan.nfe();
    }

    /**
     * The grid.
     *
     * @return grid steps per sample
     */
    public int steps() {
        return plan.grid().steps();
    }

    /**
     * Writes samples {@code [from, from + n)} into {@code out[offset .. offset + n * D)}, row-major (n, D...).
     *
     * @param from the first sample's index, {@code >= 0}
     * @param n how many samples, {@code >= 0}
     * @param out the caller's array
     * @param offset where in {@code out} sample {@code from} begins
     * @throws IllegalArgumentException if {@code from < 0}, {@code n < 0} or {@code out} has no room from {@code offset}
     * @throws GddimException if the backend fails
     */
    public synchronized void sample(long from, int n, float[] out, int offset) {
        checkRange(from, n);
        if (offset < 0 || (long) offset + (long) n * dataSize > out.length) {
            throw new IllegalArgumentException(n + " samples of " + dataSize + " floats from offset " + offset
                    + " do not fit an array of " + out.length);
        }
        for (int done = 0; done < n; ) {
            int rows = Math.min(batch, n - done);
            System.arraycopy(run(from + done, rows, StepObserver.NONE), 0, out, offset + done * dataSize, rows * dataSize);
            done += rows;
        }
    }

    /**
     * Samples {@code [from, from + n)} as a new array.
     *
     * @param from the first sample's index, {@code >= 0}
     * @param n how many samples, {@code >= 0}
     * @return float32, row-major (n, D...)
     * @throws IllegalArgumentException if {@code from < 0}, {@code n < 0} or {@code n * D} exceeds an array's size
     * @throws GddimException if the backend fails
     */
    public float[] sample(long from, int n) {
        if ((long) n * dataSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " samples of " + dataSize + " floats do not fit one Java array; "
                    + "ask for fewer, or use generate");
        }
        float[] out = new float[Math.max(0, n) * dataSize];
        sample(from, n, out, 0);
        return out;
    }

    /**
     * Writes samples {@code [from, from + n)} into {@code out} at its position, row-major (n, D...), and advances the
     * position by {@code n * D}; heap and direct buffers of any byte order.
     *
     * @param from the first sample's index, {@code >= 0}
     * @param n how many samples, {@code >= 0}
     * @param out the caller's buffer
     * @throws IllegalArgumentException if {@code from < 0}, {@code n < 0} or fewer than {@code n * D} floats remain
     * @throws GddimException if the backend fails
     */
    public synchronized void sample(long from, int n, FloatBuffer out) {
        checkRange(from, n);
        if ((long) n * dataSize > out.remaining()) {
            throw new IllegalArgumentException(n + " samples of " + dataSize + " floats do not fit the " + out.remaining()
                    + " floats remaining in the buffer");
        }
        for (int done = 0; done < n; ) {
            int rows = Math.min(batch, n - done);
            out.put(run(from + done, rows, StepObserver.NONE));
            done += rows;
        }
    }

    /**
     * Generates samples {@code [0, count)}: {@link #generate(long, long, BatchSink, Consumer)} from 0.
     *
     * @param count how many samples, {@code >= 0}
     * @param sink takes each finished batch
     * @param progress hears after every step and batch; may be null
     * @throws IOException what the sink threw
     */
    public void generate(long count, BatchSink sink, Consumer<Progress> progress) throws IOException {
        generate(0, count, sink, progress);
    }

    /**
     * Generates samples {@code [from, from + count)} batch by batch and hands each finished batch to {@code sink}, in
     * index order, on the calling thread; {@code progress} (may be null) hears after every solver step and after
     * each batch. Nothing is kept: memory stays that of the batch states whatever the count. The call stops between two batches
     * when the sink throws, or when the calling thread is interrupted (a {@link GddimException}, the interrupt flag
     * kept set).
     *
     * @param from the first sample's index, {@code >= 0}
     * @param count how many samples, {@code >= 0}
     * @param sink takes each finished batch
     * @param progress hears after every step and batch; may be null
     * @throws IOException what the sink threw
     * @throws IllegalArgumentException if {@code from < 0} or {@code count < 0}
     * @throws GddimException if the backend fails, or the thread was interrupted
     */
    public synchronized void generate(long from, long count, BatchSink sink, Consumer<Progress> progress)
            throws IOException {
        checkRange(from, count);
        long start = System.nanoTime();
        Consumer<Progress> tell = progress != null ? progress : p -> {};
        long stepsTotal = (count / batch * pieces(batch) + pieces((int) (count % batch))) * steps();
        long[] stepsDone = {0};
        long[] samplesDone = {0};
        StepObserver observer = (step, steps, t) -> tell.accept(new Progress(samplesDone[0], count, ++stepsDone[0],
                stepsTotal, (System.nanoTime() - start) / 1e9));
        while (samplesDone[0] < count) {
            if (Thread.currentThread().isInterrupted()) {
                throw new GddimException("generate was interrupted after " + samplesDone[0] + " of " + count + " samples",
                        null);
            }
            int rows = (int) Math.min(batch, count - samplesDone[0]);
            long first = from + samplesDone[0];
            sink.accept(first, rows, run(first, rows, observer));
            samplesDone[0] += rows;
            tell.accept(new Progress(samplesDone[0], count, stepsDone[0], stepsTotal, (System.nanoTime() - start) / 1e9));
        }
    }

    private void checkRange(long from, long n) {
        if (closed) {
            throw new IllegalStateException("this sampler is closed");
        }
        if (from < 0 || n < 0 || from > INDEX_LIMIT - n) {
            throw new IllegalArgumentException("sample indices must be in [0, " + INDEX_LIMIT + "), got " + n
                    + " samples from " + from);
        }
    }

    /**
     * Batch states a chunk of {@code rows <= batch} samples runs on: the full batch, or one per set bit of
     * {@code rows} (a power of two each, largest first), so no sample is computed in vain and the states kept
     * are at most the full batch and one of each power of two below it.
     */
    private int pieces(int rows) {
        return rows == batch ? 1 : Integer.bitCount(rows);
    }

    /** Samples {@code [first, first + rows)}, {@code rows <= batch}, as (rows, D...) row-major. */
    private float[] run(long first, int rows, StepObserver observer) {
        if (rows == batch) {
            return runPiece(first, rows, observer);
        }
        float[] out = new float[rows * dataSize];
        int done = 0;
        for (int left = rows; left > 0; ) {
            int size = Integer.highestOneBit(left);
            System.arraycopy(runPiece(first + done, size, observer), 0, out, done * dataSize, size * dataSize);
            done += size;
            left -= size;
        }
        return out;
    }

    private float[] runPiece(long first, int size, StepObserver observer) {
        try {
            return loop.runAt(first, size, observer);
        } catch (IOException e) { // seeded noise reads no file; kept for the loop's signature
            throw Refusals.of(e);
        } catch (RuntimeException e) {
            GddimException g = Refusals.of(e);
            throw new GddimException(g.getMessage() + " (samples " + first + " to " + (first + size - 1) + ")", e);
        }
    }

    /** Releases the backend's buffers, the captured graphs and the ONNX Runtime session; later calls throw. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.close();
        release(opened, backend);
    }
}
