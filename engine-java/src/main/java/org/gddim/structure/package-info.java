/**
 * The structure of the linear maps a process applies to the state ({@link org.gddim.structure.Structure}: a scalar,
 * 2x2 blocks, a diagonal in a fixed basis) and their double-precision algebra ({@link org.gddim.structure.Mat2}). It
 * depends on nothing else in the engine: processes plan with it, plans carry it, backends pick their fused kernel by
 * it, so {@code backend} needs no {@code process}.
 */
package org.gddim.structure;
