/*
 * ei_step_math.h — the per-element arithmetic of the fused exponential-integrator step
 * (gddim-spec.md Eq. 5.1: u' = Psi u + sum_j C_j eps_j [+ s z]), shared by src/cpu/ei_step.c and
 * src/cuda/ei_step.cu so both compute exactly the same float32 rounding sequence:
 *     x = a*u;  x = fmaf(c_j, eps_j, x) for j = 0..k-1;  x = fmaf(s, z, x) if noisy.
 * The library is built with -ffp-contract=off (C) and --fmad=false (CUDA): only these fmaf fuse.
 */
#ifndef GDK_EI_STEP_MATH_H
#define GDK_EI_STEP_MATH_H

#include "gdk_common.h"

/* Coefficients of one call, rounded once from the caller's doubles. */
typedef struct gdk_ei_coef {
    float a;                /* state coefficient Psi */
    float c[GDK_MAX_EPS];   /* eps coefficients C_j, j < k */
    float s;                /* noise coefficient */
} gdk_ei_coef;

/* e[j] = eps_j at this element, z = noise at this element (ignored unless noisy). */
GDK_HD float gdk_ei_elem(const gdk_ei_coef *cf, float u, const float *e, int k, float z, int noisy)
{
    float x = cf->a * u;
    for (int j = 0; j < k; ++j) x = fmaf(cf->c[j], e[j], x);
    if (noisy) x = fmaf(cf->s, z, x);
    return x;
}

#endif /* GDK_EI_STEP_MATH_H */
