package org.gddim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.gddim.backend.Backend;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Backends;
import org.gddim.backend.HostBuffer;
import org.gddim.model.onnx.GmmOnnx;
import org.gddim.process.Vp;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime reads the sampler's buffer and writes the eps buffer in place: same native addresses, no copy. */
class OnnxScoreModelTest {
    @TempDir
    Path dir;

    @Test
    void tensorsAreViewsOfTheSamplersBuffers() throws IOException {
        Path file = dir.resolve("gmm.onnx");
        GmmOnnx.write(Fixtures.gmm8d(), Vp.linear(), file);
        try (Backend b = Backends.open(BackendKind.NATIVE); OnnxScoreModel onnx = OnnxScoreModel.open(file, Vp.linear(), 1)) {
            HostBuffer u = (HostBuffer) b.allocate(16 * 8);
            HostBuffer out = (HostBuffer) b.allocate(16 * 8);
            u.set(0, 1.5);
            onnx.scoreModel(b).eps(u, 0.5, out, 16);
            for (HostBuffer buffer : new HostBuffer[] {u, out}) {
                var ref = onnx.view(buffer, 16).getBufferRef().orElseThrow();
                assertEquals(buffer.segment().address(), MemorySegment.ofBuffer(ref).address(), "tensor aliases the buffer");
            }
            assertTrue(out.get(0) != 0, "ONNX Runtime wrote into the pinned output buffer");
        }
    }
}
