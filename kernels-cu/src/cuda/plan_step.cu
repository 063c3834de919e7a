/*
 * plan_step.cu — gdk_cuda_plan_step (gdk_plan_cuda.h): one planned op on device buffers, dispatched to the shipped
 * CUDA kernels of the plan's structure. Host-side only (no kernels of its own); reads the host plan object whose
 * layout src/common/gdk_plan_impl.h shares with libgdk.so.
 */
#include "../common/gdk_plan_impl.h"
#include "gdk_plan_cuda.h"

extern "C" gdk_status gdk_cuda_plan_step(gdk_stream stream, const gdk_plan *plan, int32_t i, const gdk_plan_state *state,
                                         const int64_t *first_sample, const float *diag_table)
{
    if (!plan || !state || !state->buffers) return GDK_ERR_NULL_POINTER;
    const gdk_plan_info *in = &plan->info;
    if (i < 0 || i >= in->num_ops || state->batch < 0 || state->batch > INT64_MAX / in->state_size)
        return GDK_ERR_INVALID_ARGUMENT;
    const gdk_plan_op *op = &plan->ops[i];
    if (op->kind != GDK_PLAN_OP_STEP) return GDK_ERR_PLAN_OP_KIND;
    const int64_t n = state->batch * in->state_size;
    float *dst = state->buffers[op->dst];
    const float *src = state->buffers[op->src];
    const float *eps[GDK_MAX_EPS] = {nullptr};
    for (int j = 0; j < op->k; ++j)
        if (!(eps[j] = state->buffers[op->terms[j]])) return GDK_ERR_NULL_POINTER;
    if (!dst || !src) return GDK_ERR_NULL_POINTER;
    const float *z = nullptr;
    if (op->has_noise) {
        if (!state->noise || !first_sample) return GDK_ERR_NULL_POINTER;
        const gdk_status st = gdk_cuda_philox_normal_f32(stream, state->batch, in->state_size, state->seed,
                                                         op->noise_stream, first_sample, state->noise);
        if (st != GDK_OK) return st;
        z = state->noise;
    }
    switch (in->structure) {
    case GDK_PLAN_SCALAR: {
        double c[GDK_MAX_EPS] = {0};
        for (int j = 0; j < op->k; ++j) c[j] = op->c[j];
        return gdk_cuda_ei_step_f32(stream, n, dst, src, op->psi[0], op->k, eps, c, z, op->has_noise ? op->s[0] : 0.0);
    }
    case GDK_PLAN_BLOCK2:
        return gdk_cuda_block2_step_f32(stream, state->batch, in->state_size / 2, dst, src, op->psi, op->k, eps, op->c,
                                        z, op->s);
    default:
        if (!diag_table) return GDK_ERR_NULL_POINTER;
        return gdk_cuda_diag_step_f32(stream, n, in->coef_length, dst, src, op->k, eps, diag_table, z);
    }
}
