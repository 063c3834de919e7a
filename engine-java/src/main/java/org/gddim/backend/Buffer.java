package org.gddim.backend;

/** A backend-owned array of {@link #length()} elements (layout in the package doc). */
public sealed interface Buffer permits HostBuffer, DeviceBuffer {
    long length();

    DType dtype();
}
