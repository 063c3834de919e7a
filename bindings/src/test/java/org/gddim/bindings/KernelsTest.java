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
    void block2StepMatchesDoublePrecision() {
        int batch = 3;
        int plane = 37;
        int n = batch * 2 * plane;
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        try (Arena arena = Arena.ofConfined(); Kernels kernels = Gdk.load().kernels()) {
            MemorySegment u = normals(arena, n, rng);
            MemorySegment z = normals(arena, n, rng);
            MemorySegment[] eps = {normals(arena, n, rng), normals(arena, n, rng)};
            double[] a = {0.9, 0.2, -0.3, 0.7};
            double[][] c = {{1.5, -0.5, 0.25, 2.0}, {-1.0, 0.125, 0.75, -0.25}};
            double[] s = {0.3, 0, 0.1, 0.4};
            MemorySegment out = arena.allocate(ValueLayout.JAVA_FLOAT, n);
            kernels.block2StepF32(batch, plane, out, u, a, eps, c, 2, z, s);
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < plane; i++) {
                    int ix = b * 2 * plane + i;
                    int iv = ix + plane;
                    for (int row = 0; row < 2; row++) {
                        int o = 2 * row;
                        double exact = a[o] * f(u, ix) + a[o + 1] * f(u, iv) + s[o] * f(z, ix) + s[o + 1] * f(z, iv);
                        double scale = Math.abs(a[o] * f(u, ix)) + Math.abs(a[o + 1] * f(u, iv)) + Math.abs(s[o] * f(z, ix))
                                + Math.abs(s[o + 1] * f(z, iv));
                        for (int j = 0; j < 2; j++) {
                            exact += c[j][o] * f(eps[j], ix) + c[j][o + 1] * f(eps[j], iv);
                            scale += Math.abs(c[j][o] * f(eps[j], ix)) + Math.abs(c[j][o + 1] * f(eps[j], iv));
                        }
                        int at = row == 0 ? ix : iv;
                        assertTrue(Math.abs(f(out, at) - exact) <= 17 * 0x1.0p-24 * scale + Float.MIN_NORMAL,
                                "b=" + b + " i=" + i + " row=" + row + ": " + f(out, at) + " vs " + exact);
                    }
                }
            }
        }
    }

    @Test
    void diagStepMatchesDoublePrecisionWithPeriodicMaps() {
        int m = 12;
        int n = 5 * m;
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        try (Arena arena = Arena.ofConfined(); Kernels kernels = Gdk.load().kernels()) {
            MemorySegment u = normals(arena, n, rng);
            MemorySegment[] eps = {normals(arena, n, rng)};
            double[] a = new double[m];
            double[][] c = {new double[m]};
            for (int l = 0; l < m; l++) {
                a[l] = rng.nextDouble(0.01, 100);
                c[0][l] = rng.nextDouble(-3, 3);
            }
            for (int round = 0; round < 2; round++) { // the second call reuses (and must not depend on) the table
                MemorySegment out = arena.allocate(ValueLayout.JAVA_FLOAT, n);
                kernels.diagStepF32(n, out, u, a, eps, c, 1, null, null);
                for (int i = 0; i < n; i++) {
                    int l = i % m;
                    double exact = a[l] * f(u, i) + c[0][l] * f(eps[0], i);
                    double scale = Math.abs(a[l] * f(u, i)) + Math.abs(c[0][l] * f(eps[0], i));
                    assertTrue(Math.abs(f(out, i) - exact) <= 7 * 0x1.0p-24 * scale + Float.MIN_NORMAL, "i=" + i);
                }
            }
        }
    }

    @Test
    void dctRoundTripAndOrthonormality() {
        int h = 8;
        int w = 5;
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        try (Arena arena = Arena.ofConfined(); Kernels kernels = Gdk.load().kernels()) {
            MemorySegment x = normals(arena, 2 * h * w, rng);
            MemorySegment y = arena.allocate(ValueLayout.JAVA_FLOAT, 2 * h * w);
            kernels.dct2F32(2, h, w, false, y, x);
            double nx = 0;
            double ny = 0;
            for (int i = 0; i < 2 * h * w; i++) {
                nx += f(x, i) * f(x, i);
                ny += f(y, i) * f(y, i);
            }
            assertEquals(nx, ny, 1e-5 * nx, "Parseval: the transform is orthonormal");
            kernels.dct2F32(2, h, w, true, y, y);
            for (int i = 0; i < 2 * h * w; i++) {
                assertEquals(f(x, i), f(y, i), 1e-5, "round trip at " + i);
            }
            NativeException bad = assertThrows(NativeException.class,
                    () -> kernels.dct2F32(1, Gdk.DCT_MAX_SIDE + 1, 1, false, y, x));
            assertEquals("gdk_dct2_f32", bad.function());
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
