/*
 * plan_step_overhead.c — what gdk_plan_step costs over calling the fused kernel directly (docs/c-abi.md).
 *
 * For a plan written by `bin/gddim plan` and each batch size, one timed iteration resets the state (memcpy) and
 * runs every STEP op of the program once, either through gdk_plan_step (op lookup, argument checks, eps pointer
 * table, dispatch by structure) or as the direct gdk_ei_step_f32 / gdk_block2_step_f32 calls with every argument
 * prepared beforehand. Network evaluations are left out (the eps buffers hold fixed normal draws). Reported: the
 * median over 31 rounds of the mean ns per step of a round (rounds of about 20 ms), both variants interleaved so
 * that machine load hits both alike.
 *
 *   make -C kernels-cu plan-bench PLAN=run.gdkplan      (or build/dev/plan_step_overhead PLAN [BATCH...])
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gdk_plan.h"

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct {
    float *dst;
    const float *src;
    const float *eps[GDK_MAX_EPS];
    double c[GDK_MAX_EPS];
    const gdk_plan_op *op;
} direct_step;

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: plan_step_overhead PLAN.gdkplan [BATCH...]\n");
        return 2;
    }
    gdk_plan *plan;
    gdk_status st = gdk_plan_load_file(argv[1], &plan);
    if (st != GDK_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], gdk_status_string(st));
        return 1;
    }
    gdk_plan_info in;
    gdk_plan_get_info(plan, &in);
    if (in.stochastic || in.structure == GDK_PLAN_DIAGONAL) {
        fprintf(stderr, "plan_step_overhead: deterministic SCALAR or BLOCK2 plans only\n");
        return 1;
    }
    int64_t batches[16] = {1, 64, 4096};
    int nb = 3;
    if (argc > 2) {
        nb = 0;
        for (int a = 2; a < argc && nb < 16; ++a) batches[nb++] = atoll(argv[a]);
    }
    gdk_plan_op ops[1024];
    int32_t steps[1024], ns = 0;
    for (int32_t i = 0; i < in.num_ops && i < 1024; ++i) {
        gdk_plan_get_op(plan, i, &ops[i]);
        if (ops[i].kind == GDK_PLAN_OP_STEP) steps[ns++] = i;
    }
    printf("plan %s (%s, %s): %d steps of %lld-element states\n\n", argv[1], in.method, in.process, ns,
           (long long)in.state_size);
    printf("| batch | elements | direct kernel ns/step | gdk_plan_step ns/step | overhead ns/step | overhead %% |\n");
    printf("|---:|---:|---:|---:|---:|---:|\n");
    for (int bi = 0; bi < nb; ++bi) {
        const int64_t batch = batches[bi], n = batch * in.state_size;
        float **buf = malloc(sizeof(float *) * (size_t)in.num_buffers);
        for (int32_t b = 0; b < in.num_buffers; ++b) {
            buf[b] = aligned_alloc(64, ((size_t)n * 4 + 63) / 64 * 64);
            gdk_philox_normal_f32(batch, in.state_size, 1, (uint32_t)b, 0, buf[b]);
        }
        float *init = malloc((size_t)n * 4);
        memcpy(init, buf[0], (size_t)n * 4);
        direct_step *d = malloc(sizeof(direct_step) * (size_t)ns);
        for (int s = 0; s < ns; ++s) {
            const gdk_plan_op *op = &ops[steps[s]];
            d[s].op = op;
            d[s].dst = buf[op->dst];
            d[s].src = buf[op->src];
            for (int j = 0; j < op->k; ++j) {
                d[s].eps[j] = buf[op->terms[j]];
                d[s].c[j] = op->c[j];
            }
        }
        const gdk_plan_state state = {batch, buf, NULL, 0, 0};
        /* Iterations per round for about 20 ms. */
        double t0 = now_ns();
        int iters = 0;
        while (now_ns() - t0 < 2e6) {
            memcpy(buf[0], init, (size_t)n * 4);
            for (int s = 0; s < ns; ++s) gdk_plan_step(plan, steps[s], &state);
            iters++;
        }
        iters = iters * 10 > 1 ? iters * 10 : 1;
        enum { ROUNDS = 31 };
        double direct[ROUNDS], planned[ROUNDS];
        for (int r = 0; r < ROUNDS; ++r) {
            t0 = now_ns();
            for (int it = 0; it < iters; ++it) {
                memcpy(buf[0], init, (size_t)n * 4);
                for (int s = 0; s < ns; ++s) {
                    const direct_step *x = &d[s];
                    if (in.structure == GDK_PLAN_SCALAR)
                        gdk_ei_step_f32(n, x->dst, x->src, x->op->psi[0], x->op->k, x->eps, x->c, NULL, 0.0);
                    else
                        gdk_block2_step_f32(batch, in.state_size / 2, x->dst, x->src, x->op->psi, x->op->k, x->eps,
                                            x->op->c, NULL, NULL);
                }
            }
            direct[r] = (now_ns() - t0) / ((double)iters * ns);
            t0 = now_ns();
            for (int it = 0; it < iters; ++it) {
                memcpy(buf[0], init, (size_t)n * 4);
                for (int s = 0; s < ns; ++s) gdk_plan_step(plan, steps[s], &state);
            }
            planned[r] = (now_ns() - t0) / ((double)iters * ns);
        }
        qsort(direct, ROUNDS, sizeof(double), cmp);
        qsort(planned, ROUNDS, sizeof(double), cmp);
        const double a = direct[ROUNDS / 2], b = planned[ROUNDS / 2];
        printf("| %lld | %lld | %.1f | %.1f | %+.1f | %+.1f%% |\n", (long long)batch, (long long)n, a, b, b - a,
               100 * (b - a) / a);
        for (int32_t b2 = 0; b2 < in.num_buffers; ++b2) free(buf[b2]);
        free(buf);
        free(init);
        free(d);
    }
    gdk_plan_free(plan);
    return 0;
}
