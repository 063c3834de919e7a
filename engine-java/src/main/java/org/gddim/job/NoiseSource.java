package org.gddim.job;

import java.io.IOException;
import java.nio.file.Path;
import org.gddim.io.Npy;
import org.gddim.model.DataShape;
import org.gddim.rng.GaussianNoise;

/**
 * Standard-normal starting noise z of each sample: from Philox keyed by the seed, or from a user's .npy file. Public
 * because {@link BatchLoop} takes one (the Java API, org.gddim.api, runs its loops on {@link Seeded} noise).
 */
public sealed interface NoiseSource {
    /** Fills {@code out} (count * D) with z for samples {@code [first, first + count)}. */
    void fill(long first, int count, float[] out) throws IOException;

    /** For the manifest. */
    String describe();

    /** What identifies the noise in the resume fingerprint: the file's SHA-256, or null for seeded noise. */
    default String sha256() throws IOException {
        return this instanceof FromFile f ? org.gddim.io.ContentHash.sha256(f.file()) : null;
    }

    record Seeded(long seed, int dim) implements NoiseSource {
        @Override
        public void fill(long first, int count, float[] out) {
            GaussianNoise.fill(seed, GaussianNoise.PRIOR_STREAM, first, count, dim, out, 0);
        }

        @Override
        public String describe() {
            return "philox4x32-10 seed " + seed + " stream " + GaussianNoise.PRIOR_STREAM;
        }
    }

    record FromFile(Path file, Npy.Header header) implements NoiseSource {
        /**
         * Whether the file's row shape {@code fileShape[1..]} is exactly {@code dims}; one-element states
         * (D = 1) may also come as a vector {@code (count)}.
         */
        private static boolean rowShapeMatches(long[] fileShape, int[] dims) {
            if (fileShape.length == 1) {
                return dims.length == 1 && dims[0] == 1;
            }
            if (fileShape.length != dims.length + 1) {
                return false;
            }
            for (int i = 0; i < dims.length; i++) {
                if (fileShape[i + 1] != dims[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Opens and fully checks {@code file}: shape (count, D...) exactly, and every value finite. */
        static FromFile open(Path file, long count, DataShape shape) {
            Npy.Header h;
            try {
                h = Npy.readHeader(file);
            } catch (IOException e) {
                throw new JobException("--init-noise: " + e.getMessage(), e);
            }
            StringBuilder expected = new StringBuilder("(" + count);
            for (int dim : shape.dims()) {
                expected.append(", ").append(dim);
            }
            expected.append(")");
            if (h.shape().length < 1 || h.shape()[0] != count || !rowShapeMatches(h.shape(), shape.dims())) {
                throw new JobException("--init-noise " + file + " has shape " + h.shapeString() + " but --n " + count
                        + " samples of the state shape " + shape + " need " + expected);
            }
            FromFile source = new FromFile(file, h);
            source.checkFinite(count, shape.size());
            return source;
        }

        private void checkFinite(long count, int dim) {
            int rows = (int) Math.max(1, Math.min(count, (1 << 20) / Math.max(1, dim)));
            float[] buf = new float[rows * dim];
            try {
                for (long first = 0; first < count; first += rows) {
                    int n = (int) Math.min(rows, count - first);
                    fill(first, n, buf);
                    for (int i = 0; i < n * dim; i++) {
                        if (!Float.isFinite(buf[i])) {
                            throw new JobException("--init-noise " + file + ": element " + (first * dim + i) + " (sample "
                                    + (first + i / dim) + ", index " + i % dim + ") is " + buf[i]
                                    + "; the noise must be finite standard-normal draws");
                        }
                    }
                }
            } catch (IOException e) {
                throw new JobException("--init-noise: " + e.getMessage(), e);
            }
        }

        @Override
        public void fill(long first, int count, float[] out) throws IOException {
            Npy.readRows(file, header, first, count, out);
        }

        @Override
        public String describe() {
            return "file " + file.toAbsolutePath();
        }
    }
}
