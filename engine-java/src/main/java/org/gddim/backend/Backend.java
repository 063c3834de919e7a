package org.gddim.backend;

import java.util.Optional;
import org.gddim.structure.Structure;

/**
 * A device that owns buffers and runs the fused step ops the solvers need (not a tensor library). Every op
 * of every backend is tested against {@link JavaScalar} with a stated tolerance.
 */
public interface Backend extends AutoCloseable {
    BackendKind kind();

    /** Element type of the buffers this backend allocates. */
    DType dtype();

    /** A zeroed buffer of {@code length} elements, owned by this backend (freed by {@link #close()}). */
    Buffer allocate(long length);

    /** Copies host floats into {@code dst} starting at element {@code offset}. */
    void write(Buffer dst, long offset, float[] src);

    /** Copies elements of {@code src} starting at {@code offset} into host floats. */
    void read(Buffer src, long offset, float[] dst);

    /**
     * The fused exponential-integrator step (gddim-spec.md Eq. 5.1) over the first {@code n} elements, which are
     * {@code n / dim} samples of {@code dim} state elements: {@code dst = psi src + sum_{j<k} c[j] eps[j] + s z},
     * with {@code psi}, each {@code c[j]} and {@code s} laid out in {@code structure} (org.gddim.structure.Structure:
     * SCALAR one number; BLOCK2 a 2x2 matrix on the (x, v) planes of each sample, dim = 2 D; DIAGONAL a map of
     * period m dividing dim). {@code z} (standard-normal noise) and {@code s} are null for a deterministic step.
     * {@code dst} may be {@code src}; no {@code eps[j]} and not {@code z} may be {@code dst}. One kernel, one pass
     * over memory: 4 (k + 2) bytes per element in float32 (+ 4 with noise).
     */
    void step(Structure structure, long n, int dim, Buffer dst, Buffer src, double[] psi, Buffer[] eps, double[][] c,
            int k, Buffer z, double[] s);

    /** The SCALAR step, which needs no sample size (kept for callers written before BLOCK2 and DIAGONAL). */
    default void step(Structure structure, long n, Buffer dst, Buffer src, double[] psi, Buffer[] eps, double[][] c, int k,
            Buffer z, double[] s) {
        if (structure != Structure.SCALAR) {
            throw new IllegalArgumentException(structure + " steps need the per-sample size: use step(structure, n, dim, ...)");
        }
        step(structure, n, 1, dst, src, psi, eps, c, k, z, s);
    }

    /**
     * Orthonormal 2-D DCT-II ({@code inverse} false) or its inverse (DCT-III) of {@code images} h x w images, the
     * basis change of BDM (gddim-spec.md 4.1). {@code dst} may be {@code src}.
     */
    void dct2(Buffer dst, Buffer src, long images, int h, int w, boolean inverse);

    /**
     * Fills {@code dst} ({@code batch} samples of {@code dim} elements) with standard-normal noise keyed by
     * {@code (seed, stream, firstSample + i)} (org.gddim.rng.GaussianNoise: the same numbers on every backend).
     */
    void normal(Buffer dst, long seed, int stream, long firstSample, int batch, int dim);

    /** The CUDA device behind this backend, for score models that run on it; empty for host backends. */
    default Optional<CudaDevice> cudaDevice() {
        return Optional.empty();
    }

    /** Whole-run graph capture, where this backend can replay a run; empty otherwise. */
    default Optional<GraphCapture> graphCapture() {
        return Optional.empty();
    }

    /** Frees every buffer this backend allocated. */
    @Override
    void close();
}
