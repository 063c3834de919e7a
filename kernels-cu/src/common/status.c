/* status.c — library version and status-code descriptions of libgdk (gdk.h). */
#include "gdk.h"

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
    default: return "unknown status";
    }
}
