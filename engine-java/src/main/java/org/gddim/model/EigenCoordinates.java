package org.gddim.model;

import org.gddim.backend.Dct;

/**
 * The orthogonal change to a mixture component's eigen-coordinates, {@code y = U^T x} on one plane of D elements,
 * and back, {@code x = U y} (gddim-spec.md 8.1: every coordinate then diffuses independently). Identity (diagonal
 * covariances, or a state that already is in those coordinates, as BDM's DCT state), a dense U, or the 2-D DCT
 * of each (H, W) channel.
 */
sealed interface EigenCoordinates {
    /** {@code y[yOff ..] = U^T x[xOff ..]} over D elements. */
    void toEigen(double[] x, int xOff, double[] y, int yOff);

    /** {@code x[xOff ..] = U y[yOff ..]} over D elements. */
    void fromEigen(double[] y, int yOff, double[] x, int xOff);

    record Identity(int d) implements EigenCoordinates {
        @Override
        public void toEigen(double[] x, int xOff, double[] y, int yOff) {
            System.arraycopy(x, xOff, y, yOff, d);
        }

        @Override
        public void fromEigen(double[] y, int yOff, double[] x, int xOff) {
            System.arraycopy(y, yOff, x, xOff, d);
        }
    }

    /** {@code u[i][j] = U_ij}, columns the eigenvectors. */
    record Dense(double[][] u) implements EigenCoordinates {
        @Override
        public void toEigen(double[] x, int xOff, double[] y, int yOff) {
            int d = u.length;
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int i = 0; i < d; i++) {
                    sum += u[i][j] * x[xOff + i];
                }
                y[yOff + j] = sum;
            }
        }

        @Override
        public void fromEigen(double[] y, int yOff, double[] x, int xOff) {
            int d = u.length;
            for (int i = 0; i < d; i++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += u[i][j] * y[yOff + j];
                }
                x[xOff + i] = sum;
            }
        }
    }

    /** The orthonormal DCT-II of each of {@code channels} h x w images. */
    record DctChannels(int channels, int h, int w, Dct dct) implements EigenCoordinates {
        DctChannels(int channels, int h, int w) {
            this(channels, h, w, new Dct(h, w));
        }

        @Override
        public void toEigen(double[] x, int xOff, double[] y, int yOff) {
            for (int c = 0; c < channels; c++) {
                dct.apply(x, xOff + c * h * w, y, yOff + c * h * w, false);
            }
        }

        @Override
        public void fromEigen(double[] y, int yOff, double[] x, int xOff) {
            for (int c = 0; c < channels; c++) {
                dct.apply(y, yOff + c * h * w, x, xOff + c * h * w, true);
            }
        }
    }
}
