/**
 * The Java API for embedding the engine in another program: {@link org.gddim.api.Sampler#builder()} describes a
 * sampling job with the same spec records as the CLI ({@link org.gddim.process.ProcessKind},
 * {@link org.gddim.job.ModelSource}, {@link org.gddim.solver.SolverSpec}, {@link org.gddim.schedule.GridKind},
 * {@link org.gddim.backend.BackendKind}, validated by {@link org.gddim.job.SampleJob}), and
 * {@link org.gddim.api.Sampler} draws samples into the caller's buffers or streams them batch by batch; no files
 * are written. Guide: docs/api.md.
 *
 * <p>Conventions, stated once for the whole package:
 * <ul>
 * <li><b>Sample index.</b> Sample {@code i} (a {@code long}, {@code i >= 0}) is a pure function of the job's settings,
 *     its seed and {@code i}: the same float32 values, bit for bit on the CPU backends, as row {@code i} of the
 *     {@code samples.npy} that {@code bin/gddim sample} writes with the same settings, whatever the batch size, the
 *     order of the calls or the range a call asks for. One exception: an ONNX network is bit-identical only when it
 *     runs the same batches (same batch size, ranges aligned to it), because ONNX Runtime's kernels round differently
 *     at other batch sizes (by up to about 1e-6 on the shipped MNIST models).</li>
 * <li><b>Buffers.</b> Samples are float32, row-major {@code (n, D...)}: sample {@code from + r} occupies elements
 *     {@code [r * D, (r + 1) * D)} of the range written, where {@code D} is {@link org.gddim.api.Sampler#sampleSize()}
 *     and {@code (D...)} is {@link org.gddim.api.Sampler#sampleShape()} (e.g. {@code (8)} for an 8-D mixture,
 *     {@code (1, 28, 28)} for MNIST, channels first). Values are in the model's data units (the units of the
 *     mixture's means, or the network's training data, e.g. [-1, 1] pixels).</li>
 * <li><b>Errors.</b> A job that cannot run as specified (bad setting, unreadable or wrong model, backend that
 *     cannot load here, a failing kernel) is a {@link org.gddim.api.GddimException} with the CLI's one-line message;
 *     a bad argument to a method (negative count, buffer too small) is an {@link IllegalArgumentException}; using a
 *     closed sampler is an {@link IllegalStateException}.</li>
 * </ul>
 * No type of the foreign-memory API ({@code java.lang.foreign}) or of the CLI appears in this package's signatures
 * (checked by ArchitectureTest).
 */
package org.gddim.api;
