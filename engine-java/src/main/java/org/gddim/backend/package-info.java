/**
 * Devices that hold sampler state and run the fused step ops.
 *
 * <p>Buffer layout, stated once: a {@link org.gddim.backend.Buffer} is a dense array of {@code length}
 * elements of one {@link org.gddim.backend.DType}, native byte order. A batch of samples of data shape
 * {@code (D...)} is stored sample-major, {@code (B, D...)} in C order: element {@code (b, i)} is at
 * {@code b * D + i}, D the elements of one sample's state (2 D for CLD's x then v planes; the process package
 * states each process' layout). Backends are opened explicitly ({@link org.gddim.backend.Backends#open}) and closed
 * by their owner; FFM types appear only in this package and in bindings, never in solver signatures.
 */
package org.gddim.backend;
