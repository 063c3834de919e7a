/*
 * gdk_plan_cuda.h — gdk_plan_step on CUDA device buffers (libgdk_cuda.so; the plan itself is loaded by libgdk.so's
 * gdk_plan_load and stays in host memory). Same conventions as gdk_cuda.h: asynchronous on `stream`, nothing
 * synchronises the host (a run can be captured into a CUDA graph), launch failures return GDK_ERR_CUDA.
 */
#ifndef GDK_PLAN_CUDA_H
#define GDK_PLAN_CUDA_H

#include "gdk_cuda.h"
#include "gdk_plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * gdk_cuda_plan_step — gdk_plan_step with state->buffers and state->noise DEVICE pointers (the pointer array
 * itself in host memory): gdk_cuda_ei_step_f32 / gdk_cuda_block2_step_f32 / gdk_cuda_diag_step_f32, preceded for
 * a noisy step by gdk_cuda_philox_normal_f32 into state->noise. Same rounding as the CPU path.
 *
 *   first_sample  DEVICE pointer to one int64_t, the batch's first sample index (read by the noise kernel, so a
 *                 captured graph can be replayed for another batch); used only by noisy steps, else may be NULL.
 *                 (state->first_sample is ignored here.)
 *   diag_table    DIAGONAL plans only: the op's DEVICE coefficient table of (k + 2, m) floats that
 *                 gdk_cuda_diag_step_f32 takes (fill it on the host with gdk_plan_diag_table_f32, upload it once);
 *                 NULL for the other structures.
 */
GDK_API gdk_status gdk_cuda_plan_step(gdk_stream stream, const gdk_plan *plan, int32_t i, const gdk_plan_state *state,
                                      const int64_t *first_sample, const float *diag_table);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GDK_PLAN_CUDA_H */
