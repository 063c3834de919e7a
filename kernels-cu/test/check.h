/*
 * check.h — helpers for the C kernel tests: seeded normal fills and one comparison helper with a visible
 * tolerance model (|got - ref| <= atol + rtol * scale[i]); it prints the first 5 mismatches and the seed.
 */
#ifndef GDK_TEST_CHECK_H
#define GDK_TEST_CHECK_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>

static int g_failures = 0;
static const double TWO_PI = 6.283185307179586476925286766559;

#define EXPECT(cond, ...)                                                   \
    do {                                                                    \
        if (!(cond)) {                                                      \
            ++g_failures;                                                   \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                   \
            fprintf(stderr, "\n");                                          \
        }                                                                   \
    } while (0)

static inline uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Standard-normal floats (Box-Muller in double), reproducible from the seed. */
static inline void fill_normal(float *x, int64_t n, uint64_t seed)
{
    uint64_t st = seed;
    for (int64_t i = 0; i < n; i += 2) {
        const double u1 = ((splitmix64(&st) >> 11) + 0.5) * 0x1.0p-53;
        const double u2 = ((splitmix64(&st) >> 11) + 0.5) * 0x1.0p-53;
        const double r = sqrt(-2.0 * log(u1));
        x[i] = (float)(r * cos(TWO_PI * u2));
        if (i + 1 < n) x[i + 1] = (float)(r * sin(TWO_PI * u2));
    }
}

/* Returns the number of mismatches; prints the first 5 with the seed that produced the inputs. */
static inline int64_t compare(const char *what, uint64_t seed, const float *got, const float *ref, const double *scale,
                       int64_t n, double atol, double rtol)
{
    int64_t bad = 0;
    for (int64_t i = 0; i < n; ++i) {
        const double tol = atol + rtol * scale[i];
        const double diff = fabs((double)got[i] - (double)ref[i]);
        if (!(diff <= tol)) {
            if (bad < 5)
                fprintf(stderr, "  %s (seed %llu): i=%lld got %.9g ref %.9g |diff| %.3g > tol %.3g\n", what,
                        (unsigned long long)seed, (long long)i, got[i], ref[i], diff, tol);
            ++bad;
        }
    }
    if (bad) ++g_failures;
    return bad;
}

/* One case of a fused-step test: shape index, eps count k, with noise, in place, seed of its inputs. */
typedef void (*step_case_fn)(size_t shape, int k, int noisy, int in_place, uint64_t seed);

/* The grid every fused-step test sweeps: each of `shapes` shapes x k = 0..max_eps x noise x in place, one seed a case. */
static inline void sweep_step_cases(size_t shapes, int max_eps, uint64_t seed, step_case_fn check_case)
{
    for (size_t si = 0; si < shapes; ++si)
        for (int k = 0; k <= max_eps; ++k)
            for (int noisy = 0; noisy <= 1; ++noisy)
                for (int in_place = 0; in_place <= 1; ++in_place) check_case(si, k, noisy, in_place, seed++);
}

/* main's exit code: prints "NAME: N FAILED" or "NAME: all cases passed (WHAT)". */
static inline int test_summary(const char *name, const char *what)
{
    if (g_failures) {
        fprintf(stderr, "%s: %d FAILED\n", name, g_failures);
        return 1;
    }
    printf("%s: all cases passed (%s)\n", name, what);
    return 0;
}

#endif /* GDK_TEST_CHECK_H */
