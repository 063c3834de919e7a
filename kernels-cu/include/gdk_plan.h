/*
 * gdk_plan.h — running the engine's planned solvers from a native app that runs its own network (libgdk.so).
 *
 * `bin/gddim plan ... --out run.gdkplan` writes the complete plan of a sampling run (docs/c-abi.md gives the
 * file byte by byte): a program of ops over a table of float32 buffers, each op either
 *   EVAL  buf[dst] = eps_theta(buf[src], t)        the app calls its network, or
 *   STEP  buf[dst] = psi buf[src] + sum_j c_j buf[terms[j]] (+ s z)    one fused libgdk kernel (gdk_plan_step),
 * with every coefficient precomputed in double. Buffer 0 is the state: it holds the prior draw before the run
 * (gdk_plan_prior_f32) and the final state after it (gdk_plan_readout_f32 turns it into data). The other buffers
 * are the solver's scratch and its history ring of network outputs; which is which is already resolved in each
 * op's buffer indices, so the app only allocates the table and follows the program:
 *
 *     gdk_plan *plan; gdk_plan_load_file("run.gdkplan", &plan);
 *     gdk_plan_info info; gdk_plan_get_info(plan, &info);
 *     // allocate info.num_buffers buffers of batch * info.state_size floats (zeroed); noise too if stochastic
 *     gdk_plan_prior_f32(plan, batch, z, buf[0]);                      // u_T = prior_std[plane] * z
 *     for (int32_t i = 0; i < info.num_ops; ++i) {
 *         gdk_plan_op op; gdk_plan_get_op(plan, i, &op);
 *         if (op.kind == GDK_PLAN_OP_EVAL) my_network(buf[op.src], op.t, op.sigma, buf[op.dst]);
 *         else gdk_plan_step(plan, i, &state);
 *     }
 *     gdk_plan_readout_f32(plan, batch, buf[0], samples);  gdk_plan_free(plan);
 *
 * Conventions (as gdk.h): every function returns a gdk_status (GDK_OK = 0) except the counters and
 * gdk_plan_free; nothing prints, exits or keeps global state. A loaded plan is immutable: any number of threads
 * may run it at once on distinct states (distinct buffer tables). Buffers are dense float32 host arrays; the CUDA
 * path (gdk_plan_cuda.h, libgdk_cuda.so) takes device buffers and the same plan object.
 */
#ifndef GDK_PLAN_H
#define GDK_PLAN_H

#include "gdk.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The .gdkplan format version this library reads, and its fixed sizes (docs/c-abi.md). */
#define GDK_PLAN_FORMAT_VERSION 1
#define GDK_PLAN_HEADER_BYTES 32
#define GDK_PLAN_MAX_RANK 8 /* largest rank of the per-sample state and data shapes */
#define GDK_PLAN_MAX_BUFFERS 4096

/* Status codes of plan loading and running (a block of their own after gdk.h's; stable numbers). */
#define GDK_ERR_PLAN_IO          32 /* the plan file could not be opened or read */
#define GDK_ERR_PLAN_MAGIC       33 /* not a .gdkplan file (bad magic) */
#define GDK_ERR_PLAN_VERSION     34 /* the file's format version is not GDK_PLAN_FORMAT_VERSION */
#define GDK_ERR_PLAN_TRUNCATED   35 /* fewer (or more) bytes than the header says: truncated or padded file */
#define GDK_ERR_PLAN_CHECKSUM    36 /* the payload's CRC32C does not match the header: the file is corrupt */
#define GDK_ERR_PLAN_CORRUPT     37 /* checksum fine but the payload is inconsistent (sizes, kinds, operands) */
#define GDK_ERR_OUT_OF_MEMORY    38 /* an allocation failed */
#define GDK_ERR_PLAN_OP_KIND     39 /* the op is not of the kind the call runs (gdk_plan_step on an EVAL op) */

/* Coefficient layouts (gdk_plan_info.structure), each coefficient array holding coef_length doubles:
 * SCALAR [a] (gdk_ei_step_f32); BLOCK2 [a_xx, a_xv, a_vx, a_vv] on the (x, v) planes of a CLD state
 * (gdk_block2_step_f32); DIAGONAL [a_0 .. a_{m-1}], element i of a sample uses a_{i mod m} (gdk_diag_step_f32). */
#define GDK_PLAN_SCALAR   0
#define GDK_PLAN_BLOCK2   1
#define GDK_PLAN_DIAGONAL 2

/* How the data are read off the final state (gdk_plan_info.readout). */
#define GDK_PLAN_READ_STATE       0 /* the state is the data */
#define GDK_PLAN_READ_FIRST_PLANE 1 /* the data are the first plane of the (2, D...) state (CLD's x) */
#define GDK_PLAN_READ_INVERSE_DCT 2 /* the state holds DCT-II coefficients; the data are their inverse 2-D DCT (BDM) */

/* Op kinds (gdk_plan_op.kind). */
#define GDK_PLAN_OP_EVAL 1
#define GDK_PLAN_OP_STEP 2

typedef struct gdk_plan gdk_plan; /* opaque, immutable once loaded */

/* What a plan is for. Pointers point into the plan and live until gdk_plan_free. */
typedef struct gdk_plan_info {
    int32_t structure;                       /* GDK_PLAN_SCALAR, _BLOCK2 or _DIAGONAL */
    int32_t coef_length;                     /* doubles per coefficient array: 1, 4, or m */
    int32_t readout;                         /* GDK_PLAN_READ_* */
    int32_t planes;                          /* state planes per data element: 1, or 2 (CLD) */
    int32_t state_rank;                      /* per-sample state shape, e.g. (8) or (2, 8) for CLD */
    int32_t state_dims[GDK_PLAN_MAX_RANK];
    int32_t data_rank;                       /* per-sample data shape, e.g. (8), (1, 28, 28) */
    int32_t data_dims[GDK_PLAN_MAX_RANK];
    int64_t state_size;                      /* elements of one sample's state (product of state_dims) */
    int64_t data_size;                       /* elements of one sample's data */
    int32_t num_buffers;                     /* buffer table size; buffer 0 is the state */
    int32_t num_ops;                         /* ops of the program (evals + steps) */
    int32_t num_evals;                       /* network evaluations of one run (the NFE) */
    int32_t num_steps;                       /* fused steps of one run */
    int32_t stochastic;                      /* 1 if a step adds noise (gdk_plan_state.noise is then needed) */
    int32_t grid_points;                     /* time grid points, t_max first */
    const double *grid;                      /* (grid_points) the time grid */
    double t_max, t_min;                     /* first and last grid time (process time) */
    double prior_std[2];                     /* prior std per plane at t_max (prior_std[1] NaN when planes == 1) */
    const char *method;                      /* NUL-terminated, e.g. "gddim q=3 pec" */
    const char *process;                     /* NUL-terminated process name, e.g. "vp", "cld" */
} gdk_plan_info;

/* One op of the program. Pointers point into the plan and live until gdk_plan_free. */
typedef struct gdk_plan_op {
    int32_t kind;            /* GDK_PLAN_OP_EVAL or GDK_PLAN_OP_STEP */
    int32_t src;             /* EVAL: the network's input buffer. STEP: the buffer psi acts on */
    int32_t dst;             /* buffer written (EVAL: never src; STEP: may be src, never a term) */
    int32_t eval_index;      /* EVAL: 0-based index among the evals; STEP: -1 */
    double t;                /* EVAL: the process time to evaluate the network at. STEP: the time of the result */
    /* EVAL only (NaN / NULL for steps): the network's other input conventions at t. alpha and sigma of
     * u_t = alpha x_0 + sigma z for scalar processes (VP, VE, EDM, FDM; NaN otherwise); rho = sigma / alpha, the
     * EDM/VE-style noise level (also BDM's; NaN for CLD); and the process marginal in the plan's structure:
     * mean_map = Psi(t, 0), covariance = Sigma_t, frame = R_t (R R^T = Sigma_t; eps = -R_t^T score), each
     * (coef_length) doubles. The network must return eps in the process' frame (gddim-spec.md 1.4). */
    double alpha, sigma, rho;
    const double *mean_map, *covariance, *frame;
    /* STEP only (0 / NULL for evals). */
    int32_t k;                  /* eps terms, 0 <= k <= GDK_MAX_EPS */
    int32_t terms[GDK_MAX_EPS]; /* their buffers; terms[j] pairs with c[j * coef_length ..] */
    int32_t has_noise;          /* 1 if the step adds s z */
    uint32_t noise_stream;      /* z = gdk_philox_normal_f32(seed, noise_stream, first_sample) when has_noise */
    const double *psi;          /* (coef_length) */
    const double *c;            /* (k, coef_length) row-major */
    const double *s;            /* (coef_length), or NULL without noise */
} gdk_plan_op;

/* A run's buffers, owned by the caller (one per concurrent run). */
typedef struct gdk_plan_state {
    int64_t batch;              /* samples, >= 0 */
    float *const *buffers;      /* (num_buffers) pointers, each (batch, state_size) float32 row-major; distinct
                                   and non-overlapping; start them zeroed, buffer 0 holding the prior draw */
    float *noise;               /* (batch, state_size) scratch for stochastic plans (overwritten), else NULL */
    uint64_t seed;              /* key of the stochastic steps' noise (as `gddim sample --seed`) */
    uint64_t first_sample;      /* global index of this batch's first sample (noise is per sample) */
} gdk_plan_state;

/*
 * gdk_plan_load — parses and validates a plan from `size` bytes (copied; `bytes` may be freed afterwards):
 * magic, format version, header and payload sizes, CRC32C of the payload, then every size, kind, operand and
 * coefficient (finite). On success *plan is a new plan to release with gdk_plan_free; on error *plan is NULL
 * and the status says what is wrong: GDK_ERR_NULL_POINTER, GDK_ERR_PLAN_MAGIC, GDK_ERR_PLAN_VERSION,
 * GDK_ERR_PLAN_TRUNCATED, GDK_ERR_PLAN_CHECKSUM, GDK_ERR_PLAN_CORRUPT or GDK_ERR_OUT_OF_MEMORY.
 */
GDK_API gdk_status gdk_plan_load(const void *bytes, size_t size, gdk_plan **plan);

/* gdk_plan_load on the contents of the file at `path` (GDK_ERR_PLAN_IO if it cannot be read). */
GDK_API gdk_status gdk_plan_load_file(const char *path, gdk_plan **plan);

/* Releases a plan (NULL is a no-op). No run may still be using it. */
GDK_API void gdk_plan_free(gdk_plan *plan);

/* Fills *info (GDK_ERR_NULL_POINTER if plan or info is NULL). */
GDK_API gdk_status gdk_plan_get_info(const gdk_plan *plan, gdk_plan_info *info);

/* Counters of the program (0 for a NULL plan). */
GDK_API int32_t gdk_plan_num_ops(const gdk_plan *plan);
GDK_API int32_t gdk_plan_num_steps(const gdk_plan *plan);
GDK_API int32_t gdk_plan_num_evals(const gdk_plan *plan);

/* Fills *op with op i, 0 <= i < num_ops (GDK_ERR_INVALID_ARGUMENT otherwise). */
GDK_API gdk_status gdk_plan_get_op(const gdk_plan *plan, int32_t i, gdk_plan_op *op);

/* Fills *op with the e-th network evaluation, 0 <= e < num_evals: what t (alpha, sigma, rho) to give the
 * network, which buffer it reads and which ring slot its output goes to. For apps that prepare per-time tables. */
GDK_API gdk_status gdk_plan_eval_time(const gdk_plan *plan, int32_t e, gdk_plan_op *op);

/*
 * gdk_plan_step — runs op i, which must be a STEP (else GDK_ERR_PLAN_OP_KIND), on the CPU buffers of `state`:
 * one fused kernel (gdk_ei_step_f32, gdk_block2_step_f32 or gdk_diag_step_f32 by the plan's structure), preceded
 * for a noisy step by gdk_philox_normal_f32 into state->noise. Bit-identical to the Java engine's native backend
 * on the same buffers. Errors: GDK_ERR_NULL_POINTER (plan, state, state->buffers, a buffer the op uses, or the
 * noise buffer of a noisy step), GDK_ERR_INVALID_ARGUMENT (i out of range, batch < 0 or too large), and the
 * kernel's own (GDK_ERR_ALIASING if buffers overlap); buffers are untouched on error.
 */
GDK_API gdk_status gdk_plan_step(const gdk_plan *plan, int32_t i, const gdk_plan_state *state);

/* The (k + 2, m) float32 coefficient table of DIAGONAL step i for gdk_cuda_plan_step (gdk_plan_cuda.h): row 0 psi,
 * rows 1..k c_j, row k + 1 s (zeros without noise), each double rounded by a plain (float) cast as the CPU kernel
 * does. table holds (GDK_MAX_EPS + 2) * coef_length floats; *rows receives k + 2. GDK_ERR_PLAN_OP_KIND if op i is
 * not a step, GDK_ERR_INVALID_ARGUMENT if the plan is not DIAGONAL. */
GDK_API gdk_status gdk_plan_diag_table_f32(const gdk_plan *plan, int32_t i, float *table, int32_t *rows);

/* u = prior_std[plane] * z for `batch` samples: z and u are (batch, state_size) float32 (may be equal);
 * element e of a sample is on plane e / data_size. The multiply is in float32, as the engine does it. */
GDK_API gdk_status gdk_plan_prior_f32(const gdk_plan *plan, int64_t batch, const float *z, float *u);

/* The data of `batch` final states u (batch, state_size) into data (batch, data_size), as the plan's readout
 * says: a copy, CLD's x plane, or BDM's inverse 2-D DCT (gdk_dct2_f32). data must not overlap u. */
GDK_API gdk_status gdk_plan_readout_f32(const gdk_plan *plan, int64_t batch, const float *u, float *data);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GDK_PLAN_H */
