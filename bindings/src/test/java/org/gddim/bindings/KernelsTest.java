package org.gddim.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The safe layer over libgdk: results against a double-precision Java computation (tolerance as in the C
 * test: (2k+5) * 2^-24 times the sum of the term magnitudes), and every failure mapped to a clear Java error.
 */
class KernelsTest {
    private static final long SEED = 7;

    @Test
    void eiStepMatchesDoublePrecisionForEveryK() {
        Gdk gdk = Gdk.load();
        int n = 1003;
        SplittableRandom rng = new SplittableRandom(SEED);
        try (Arena arena = Arena.ofConfined(); Kernels kernels = gdk.kernels()) {
            MemorySegment u = normals(arena, n, rng);
            MemorySegment z = normals(arena, n, rng);
            MemorySegment[] eps = new MemorySegment[Gdk.MAX_EPS];
            double[] c = new double[Gdk.MAX_EPS];
            for (int j = 0; j < eps.length; j++) {
                eps[j] = normals(arena, n, rng);
                c[j] = rng.nextDouble(-4, 4);
            }
            for (int k = 0; k <= Gdk.MAX_EPS; k++) {
                MemorySegment out = arena.allocate(ValueLayout.JAVA_FLOAT, n);
                double a = 1.7;
                double s = 0.25;
                kernels.eiStepF32(n, out, u, a, eps, c, k, z, s);
                for (int i = 0; i < n; i++) {
                    double exact = a * f(u, i) + s * f(z, i);
                    double scale = Math.abs(a * f(u, i)) + Math.abs(s * f(z, i));
                    for (int j = 0; j < k; j++) {
                        exact += c[j] * f(eps[j], i);
                        scale += Math.abs(c[j] * f(eps[j], i));
                    }
                    double tol = (2 * k + 5) * 0x1.0p-24 * scale + Float.MIN_NORMAL;
                    assertTrue(Math.abs(f(out, i) - exact) <= tol,
                            "seed " + SEED + " k=" + k + " i=" + i + ": " + f(out, i) + " vs " + exact);
                }
            }
        }
    }

    @Test
    void nativeErrorsBecomeNativeExceptionsWithTheLibraryText() {
        Gdk gdk = Gdk.load();
        try (Arena arena = Arena.ofConfined(); Kernels kernels = gdk.kernels()) {
            MemorySegment u = arena.allocate(ValueLayout.JAVA_FLOAT, 8);
            MemorySegment out = arena.allocate(ValueLayout.JAVA_FLOAT, 8);
            NativeException nan = assertThrows(NativeException.class,
                    () -> kernels.eiStepF32(8, out, u, Double.NaN, new MemorySegment[0], new double[0], 0, null, 0));
            assertEquals(2, nan.status());
            assertEquals("gdk_ei_step_f32", nan.function());
            assertTrue(nan.getMessage().contains("out of its documented range"), nan.getMessage());
            NativeException alias = assertThrows(NativeException.class,
                    () -> kernels.eiStepF32(8, out, u, 1, new MemorySegment[] {out}, new double[] {1}, 1, null, 0));
            assertEquals(3, alias.status());
        }
    }

    @Test
    void undersizedOrHeapSegmentsAreRefusedBeforeTheCall() {
        Gdk gdk = Gdk.load();
        try (Arena arena = Arena.ofConfined(); Kernels kernels = gdk.kernels()) {
            MemorySegment small = arena.allocate(ValueLayout.JAVA_FLOAT, 4);
            MemorySegment heap = MemorySegment.ofArray(new float[8]);
            var e1 = assertThrows(IllegalArgumentException.class,
                    () -> kernels.eiStepF32(8, small, small, 1, new MemorySegment[0], new double[0], 0, null, 0));
            assertTrue(e1.getMessage().contains("holds 4 floats, need 8"), e1.getMessage());
            var e2 = assertThrows(IllegalArgumentException.class,
                    () -> kernels.eiStepF32(8, heap, heap, 1, new MemorySegment[0], new double[0], 0, null, 0));
            assertTrue(e2.getMessage().contains("heap segment"), e2.getMessage());
        }
    }

    @Test
    void versionOfTheLoadedLibraryMatchesTheBindings() {
        assertEquals(Gdk.versionString(Gdk.BINDINGS_VERSION), Gdk.load().version());
    }

    @Test
    void aMissingExplicitPathIsReportedWithWhatWasTried() {
        String property = "gddim.libgdk_cuda";
        String before = System.getProperty(property);
        try {
            Path bogus = Path.of("/nonexistent/libgdk_cuda.so");
            System.setProperty(property, bogus.toString());
            var missing = assertInstanceOf(NativeLibraries.Missing.class,
                    NativeLibraries.attempt(NativeLibraries.Library.GDK_CUDA));
            assertTrue(missing.reason().contains("-Dgddim.libgdk_cuda = " + bogus + ": no such file"), missing.reason());
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    private static MemorySegment normals(Arena arena, int n, SplittableRandom rng) {
        MemorySegment s = arena.allocate(ValueLayout.JAVA_FLOAT, n);
        for (int i = 0; i < n; i++) {
            s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) rng.nextGaussian());
        }
        return s;
    }

    private static double f(MemorySegment s, int i) {
        return s.getAtIndex(ValueLayout.JAVA_FLOAT, i);
    }
}
