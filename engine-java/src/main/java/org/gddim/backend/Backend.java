package org.gddim.backend;

import org.gddim.process.Structure;

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
     * The fused exponential-integrator step (gddim-spec.md Eq. 5.1) over the first {@code n} elements:
     * {@code dst = psi src + sum_{j<k} c[j] eps[j]}, with {@code psi} and each {@code c[j]} laid out in
     * {@code structure} (one number for SCALAR). {@code dst} may be {@code src}; no {@code eps[j]} may be
     * {@code dst}. One pass over memory: 4 (k + 2) bytes per element in float32.
     */
    void step(Structure structure, long n, Buffer dst, Buffer src, double[] psi, Buffer[] eps, double[][] c, int k);

    /** Frees every buffer this backend allocated. */
    @Override
    void close();
}
