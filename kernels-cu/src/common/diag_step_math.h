/*
 * diag_step_math.h — the per-element arithmetic of the fused diagonal step (BDM in the DCT basis; gdk.h
 * gdk_diag_step_f32; gddim-spec.md 4.4), shared by src/cpu/diag_step.c and src/cuda/diag_step.cu so both
 * round identically: x = a*u; x = fmaf(c_j, eps_j, x) for j = 0..k-1; x = fmaf(s, z, x) if noisy, with this
 * element's coefficients (rounded once from double by a plain cast). Built with -ffp-contract=off /
 * --fmad=false, so only these fmaf fuse.
 */
#ifndef GDK_DIAG_STEP_MATH_H
#define GDK_DIAG_STEP_MATH_H

#include "gdk_common.h"

/* c[j], e[j]: this element's eps coefficient and eps value, j < k; z and s used only when noisy. */
GDK_HD float gdk_diag_elem(float a, float u, const float *c, const float *e, int k, float s, float z, int noisy)
{
    float x = a * u;
    for (int j = 0; j < k; ++j) x = fmaf(c[j], e[j], x);
    if (noisy) x = fmaf(s, z, x);
    return x;
}

#endif /* GDK_DIAG_STEP_MATH_H */
