package org.gddim.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gddim.bindings.raw.gdk_cuda_h;
import org.junit.jupiter.api.Test;

/**
 * The CUDA bindings as far as they run without a GPU: the probe never throws and says why CUDA is unusable
 * (here: no driver); every bound runtime symbol exists in the installed libcudart.so.13; libgdk_cuda.so exports
 * every gdk_cuda.h function and refuses bad arguments before touching CUDA. Skipped (not passed) where the
 * runtime itself is not installed.
 */
class CudaProbeTest {
    @Test
    void probeNeverThrowsAndExplainsItself() {
        switch (Cuda.probe()) {
            case Cuda.Usable usable -> {
                assertFalse(usable.devices().isEmpty());
                assertFalse(usable.devices().getFirst().name().isBlank());
            }
            case Cuda.Unusable unusable -> assertFalse(unusable.reason().isBlank());
        }
    }

    @Test
    void everyBoundRuntimeSymbolExists() throws IOException {
        NativeLibraries.Loaded rt = NativeLibraries.load(NativeLibraries.Library.CUDART);
        assumeTrue(rt instanceof NativeLibraries.Found, () -> "libcudart.so.13 not installed: " + rt);
        var lookup = ((NativeLibraries.Found) rt).lookup();
        Path spec = Path.of(System.getProperty("gddim.headers.dir", "../kernels-cu/include"), "../../bindings/tools/cudart.txt");
        List<String> names = Files.readAllLines(spec).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("@"))
                .map(l -> l.split("[ (]")[1]).toList();
        assertTrue(names.size() > 20, "parsed " + names);
        for (String name : names) {
            assertTrue(lookup.find(name).isPresent(), name + " is not exported by " + ((NativeLibraries.Found) rt).path());
        }
    }

    @Test
    void gdkCudaExportsItsHeaderAndChecksArgumentsOnTheHost() throws IOException {
        NativeLibraries.Loaded lib = NativeLibraries.load(NativeLibraries.Library.GDK_CUDA);
        assumeTrue(lib instanceof NativeLibraries.Found, () -> "libgdk_cuda.so not loadable: " + lib);
        var lookup = ((NativeLibraries.Found) lib).lookup();
        for (String name : BindingsMatchHeaderTest.functions(BindingsMatchHeaderTest.header("gdk_cuda.h")).keySet()) {
            assertTrue(lookup.find(name).isPresent(), name + " is declared but not exported by libgdk_cuda.so");
        }
        assertEquals(Gdk.BINDINGS_VERSION, gdk_cuda_h.gdk_cuda_version());
        MemorySegment any = MemorySegment.ofAddress(64);
        assertEquals(2, gdk_cuda_h.gdk_cuda_ei_step_f32(MemorySegment.NULL, -1, any, any, 1, 0, MemorySegment.NULL,
                MemorySegment.NULL, MemorySegment.NULL, 0), "n < 0 is refused before any CUDA call");
        assertEquals(1, gdk_cuda_h.gdk_cuda_philox_normal_f32(MemorySegment.NULL, 4, 4, 0, 0, MemorySegment.NULL, any));
        assertEquals(2, gdk_cuda_h.gdk_cuda_gmm_eps_f32(MemorySegment.NULL, 1, 2, 1, any, any, MemorySegment.NULL, any, any,
                -1.0, any, any), "sigma <= 0 is refused");
    }

    @Test
    void versionsAreFormattedLikeNvidiaSmi() {
        assertEquals("13.0", Cuda.version(13000));
        assertEquals("12.4", Cuda.version(12040));
    }
}
