/* gdk_plan_impl.h — the layout of a loaded gdk_plan (private to libgdk and libgdk_cuda; gdk_plan.h is the API).
 * One allocation per plan: this struct, then the ops, then every double the ops point into, then the strings. */
#ifndef GDK_PLAN_IMPL_H
#define GDK_PLAN_IMPL_H

#include "gdk_plan.h"

struct gdk_plan {
    gdk_plan_info info;  /* info.grid, method, process point into this allocation */
    gdk_plan_op *ops;    /* (info.num_ops) */
    int32_t *eval_ops;   /* (info.num_evals) op index of each eval */
};

#endif /* GDK_PLAN_IMPL_H */
