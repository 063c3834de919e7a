package org.gddim.executor;

import java.util.Arrays;

/** A named tensor of a program with its element type and static shape (batch fixed). */
public record ValueInfo(String name, ElemType type, long[] shape) {
    public long size() {
        return Tensor.size(shape);
    }

    public long bytes() {
        return size() * type.bytes();
    }

    @Override
    public String toString() {
        return name + ":" + type + Arrays.toString(shape);
    }
}
