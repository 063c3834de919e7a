/* status.c — library version and status-code descriptions of libgdk (gdk.h). */
#include "gdk.h"
#include "gdk_plan.h"

uint32_t gdk_version(void)
{
    return ((uint32_t)GDK_VERSION_MAJOR << 16) | ((uint32_t)GDK_VERSION_MINOR << 8) | GDK_VERSION_PATCH;
}

const char *gdk_status_string(gdk_status status)
{
    switch (status) {
    case GDK_OK: return "ok";
    case GDK_ERR_NULL_POINTER: return "a required pointer argument is NULL";
    case GDK_ERR_INVALID_ARGUMENT: return "an argument is out of its documented range";
    case GDK_ERR_ALIASING: return "buffers overlap in a way the function does not allow";
    case GDK_ERR_CUDA: return "a CUDA runtime call failed";
    case GDK_ERR_NO_DEVICE: return "no usable CUDA device";
    case GDK_ERR_PLAN_IO: return "the plan file could not be opened or read";
    case GDK_ERR_PLAN_MAGIC: return "not a gdkplan file (bad magic)";
    case GDK_ERR_PLAN_VERSION: return "unsupported gdkplan format version";
    case GDK_ERR_PLAN_TRUNCATED: return "the plan is truncated (or has trailing bytes)";
    case GDK_ERR_PLAN_CHECKSUM: return "plan checksum mismatch (the file is corrupt)";
    case GDK_ERR_PLAN_CORRUPT: return "the plan payload is inconsistent (corrupt plan)";
    case GDK_ERR_OUT_OF_MEMORY: return "out of memory";
    case GDK_ERR_PLAN_OP_KIND: return "the plan op is not of the kind this call runs";
    default: return "unknown status";
    }
}
