package org.gddim.job;

import java.io.IOException;
import java.nio.file.Path;
import org.gddim.io.Npy;
import org.gddim.model.DataShape;
import org.gddim.rng.GaussianNoise;

/** Standard-normal starting noise z of each sample: from Philox keyed by the seed, or from a user's .npy file. */
sealed interface NoiseSource {
    /** Fills {@code out} (count * D) with z for samples {@code [first, first + count)}. */
    void fill(long first, int count, float[] out) throws IOException;

    /** For the manifest. */
    String describe();

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
        /** Opens and fully checks {@code file}: shape (count, D...) and every value finite. */
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
            if (h.shape().length < 1 || h.shape()[0] != count || h.rowSize() != shape.size()
                    || (h.shape().length == 1 && shape.size() != 1)) {
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
