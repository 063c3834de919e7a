/*
 * gdk_common.h — internal helpers shared by the sources of libgdk: argument checks that RETURN a
 * status (never exit()), the ISA dispatch attribute, and the host/device function qualifier used by
 * the per-element maths headers that C and CUDA share.
 */
#ifndef GDK_COMMON_H
#define GDK_COMMON_H

#include <stdint.h>

#include "gdk.h"

/* Qualifier for per-element maths shared by C and CUDA (see <op>_math.h). */
#if defined(__CUDACC__)
#define GDK_HD __host__ __device__ __forceinline__
#else
#define GDK_HD static inline __attribute__((always_inline))
#endif

/* Whether the n-float ranges starting at a and b overlap (host-side argument checks). */
static inline int gdk_ranges_overlap(const float *a, const float *b, int64_t n)
{
    return n > 0 && a < b + n && b < a + n;
}

#if !defined(__CUDACC__)
#include <math.h>

/* Runtime ISA dispatch: gcc emits an AVX-512, an AVX2+FMA and a baseline clone and picks one at
 * load time (ifunc), so one libgdk.so runs on any x86-64 and fast on current ones. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define GDK_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define GDK_CLONES
#endif

#endif /* !__CUDACC__ */

#endif /* GDK_COMMON_H */
