/**
 * Counter-based randomness (Philox4x32-10, Salmon et al. SC'11, the Random123 algorithm). Noise is a pure
 * function of (seed, stream, sample index, element index), so a sample draws the same noise whatever the
 * batch size, shard, thread or backend (EDM's per-sample generator idea, without per-sample state).
 */
package org.gddim.rng;
