package org.gddim.bindings;

import java.lang.foreign.MemorySegment;
import org.gddim.bindings.raw.cudart_h;

/** An instantiated CUDA graph (captured from a stream by {@link Cuda#capture}); replay it with {@link #launch()}. */
public final class CudaGraph implements AutoCloseable {
    private final MemorySegment graph;
    private final MemorySegment exec;
    private final MemorySegment stream;

    CudaGraph(MemorySegment graph, MemorySegment exec, MemorySegment stream) {
        this.graph = graph;
        this.exec = exec;
        this.stream = stream;
    }

    /** Enqueues one replay on the capturing stream (asynchronous). */
    public void launch() {
        Cuda.check("cudaGraphLaunch", cudart_h.cudaGraphLaunch(exec, stream));
    }

    @Override
    public void close() {
        Cuda.check("cudaGraphExecDestroy", cudart_h.cudaGraphExecDestroy(exec));
        Cuda.check("cudaGraphDestroy", cudart_h.cudaGraphDestroy(graph));
    }
}
