/**
 * The engine's own executor for ONNX score networks of the U-Net family (docs/gpu-executor.md).
 * {@link org.gddim.executor.OnnxProgram} parses a model with the generated protobuf classes of tribuo-util-onnx
 * ({@code ai.onnx.proto.OnnxMl}), fixes the batch size, folds every initializer-only subgraph (Shape, Gather,
 * Unsqueeze, Concat on constants, ...) and infers every remaining tensor's static shape; what is left is a
 * topologically ordered list of {@link org.gddim.executor.Step}s over float32 activations.
 * {@link org.gddim.executor.ArenaPlan} gives those activations offsets in one allocation from their live ranges.
 * {@link org.gddim.executor.Interpreter} runs a program in plain Java (double arithmetic, float32 rounding after
 * every op): the CPU reference that is checked against ONNX Runtime. {@link org.gddim.executor.GpuExecutor}
 * runs the same program and plan with cuDNN, cuBLAS and libgdk_cuda's nn kernels on one CUDA stream.
 * Layouts are ONNX's: row-major, NCHW for images. Shapes are {@code long[]}, outermost first.
 */
package org.gddim.executor;
