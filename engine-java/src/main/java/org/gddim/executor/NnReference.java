package org.gddim.executor;

import java.util.Arrays;
import java.util.List;

/**
 * The interpreter's network ops, as plain loops in double with one float32 rounding of each output (the scalar
 * references that the GPU launches are checked against): Conv (2-d, groups, pads, strides, dilations), Gemm,
 * MatMul (numpy batching), InstanceNormalization, Softmax, ReduceSum/ReduceMean and nearest Resize.
 */
final class NnReference {
    private NnReference() {}

    static Tensor conv(Step s, Tensor x, Tensor w, Tensor bias) {
        long[] o = OpShapes.convShape(s, x.shape(), w.shape());
        long[] pads = OpShapes.orDefault(s.ints("pads"), 4, 0);
        long[] st = OpShapes.orDefault(s.ints("strides"), 2, 1);
        long[] dl = OpShapes.orDefault(s.ints("dilations"), 2, 1);
        int group = (int) s.i("group", 1);
        int n = (int) o[0];
        int co = (int) o[1];
        int ho = (int) o[2];
        int wo = (int) o[3];
        int ci = (int) x.shape()[1];
        int hi = (int) x.shape()[2];
        int wi = (int) x.shape()[3];
        int cg = (int) w.shape()[1];
        int kh = (int) w.shape()[2];
        int kw = (int) w.shape()[3];
        int cog = co / group;
        double[] xd = x.data();
        double[] wd = w.data();
        double[] out = new double[n * co * ho * wo];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < co; oc++) {
                int g = oc / cog;
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        double acc = bias == null ? 0 : bias.data()[oc];
                        for (int c = 0; c < cg; c++) {
                            int ic = g * cg + c;
                            for (int ky = 0; ky < kh; ky++) {
                                long iy = oy * st[0] - pads[0] + ky * dl[0];
                                if (iy < 0 || iy >= hi) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    long ix = ox * st[1] - pads[1] + kx * dl[1];
                                    if (ix >= 0 && ix < wi) {
                                        acc += xd[(int) (((long) (b * ci + ic) * hi + iy) * wi + ix)]
                                                * wd[((oc * cg + c) * kh + ky) * kw + kx];
                                    }
                                }
                            }
                        }
                        out[((b * co + oc) * ho + oy) * wo + ox] = (float) acc;
                    }
                }
            }
        }
        return new Tensor(ElemType.FLOAT, o, out);
    }

    static Tensor gemm(Step s, Tensor a, Tensor b, Tensor c) {
        boolean ta = s.i("transA", 0) != 0;
        boolean tb = s.i("transB", 0) != 0;
        double alpha = s.f("alpha", 1);
        double beta = s.f("beta", 1);
        int m = (int) (ta ? a.shape()[1] : a.shape()[0]);
        int k = (int) (ta ? a.shape()[0] : a.shape()[1]);
        int n = (int) (tb ? b.shape()[0] : b.shape()[1]);
        long[] cs = c == null ? null : Shapes.broadcastStrides(c.shape(), new long[] {m, n});
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    acc += a.data()[ta ? p * m + i : i * k + p] * b.data()[tb ? j * k + p : p * n + j];
                }
                double v = alpha * acc + (c == null ? 0 : beta * c.data()[(int) (i * cs[0] + j * cs[1])]);
                out[i * n + j] = a.type().round(v);
            }
        }
        return new Tensor(a.type(), new long[] {m, n}, out);
    }

    static Tensor matmul(Tensor a, Tensor b) {
        long[] as = a.shape();
        long[] bs = b.shape();
        long[] o = OpShapes.matmulShape(new Step("MatMul", "", List.of(), List.of(), java.util.Map.of()), as, bs);
        int r = o.length;
        long[] batch = Arrays.copyOf(o, r - 2);
        long[] sa = Shapes.broadcastStrides(Arrays.copyOf(as, as.length - 2), batch);
        long[] sb = Shapes.broadcastStrides(Arrays.copyOf(bs, bs.length - 2), batch);
        int m = (int) o[r - 2];
        int n = (int) o[r - 1];
        int k = (int) as[as.length - 1];
        int nb = (int) Tensor.size(batch);
        double[] out = new double[nb * m * n];
        long[] idx = new long[batch.length];
        for (int q = 0; q < nb; q++) {
            long offA = 0;
            long offB = 0;
            for (int d = 0; d < batch.length; d++) {
                offA += idx[d] * sa[d];
                offB += idx[d] * sb[d];
            }
            offA *= (long) m * k;
            offB *= (long) k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        acc += a.data()[(int) (offA + i * k + p)] * b.data()[(int) (offB + (long) p * n + j)];
                    }
                    out[(q * m + i) * n + j] = a.type().round(acc);
                }
            }
            for (int d = batch.length - 1; d >= 0 && ++idx[d] == batch[d]; d--) {
                idx[d] = 0;
            }
        }
        return new Tensor(a.type(), o, out);
    }

    /** y = scale_c (x - mean) / sqrt(var + eps) + bias_c over each (n, c) slice of (N, C, ...). */
    static Tensor instanceNorm(Step s, Tensor x, Tensor scale, Tensor bias) {
        double eps = s.f("epsilon", 1e-5);
        long[] sh = x.shape();
        int nc = (int) (sh[0] * sh[1]);
        int c = (int) sh[1];
        int len = (int) (x.size() / nc);
        double[] out = new double[x.data().length];
        for (int g = 0; g < nc; g++) {
            double mean = 0;
            for (int i = 0; i < len; i++) {
                mean += x.data()[g * len + i];
            }
            mean /= len;
            double var = 0;
            for (int i = 0; i < len; i++) {
                double d = x.data()[g * len + i] - mean;
                var += d * d;
            }
            var /= len;
            double inv = 1 / Math.sqrt(var + eps);
            double sc = scale.data()[g % c];
            double bi = bias.data()[g % c];
            for (int i = 0; i < len; i++) {
                out[g * len + i] = x.type().round((x.data()[g * len + i] - mean) * inv * sc + bi);
            }
        }
        return new Tensor(x.type(), sh, out);
    }

    static Tensor softmax(Step s, Tensor x) {
        int axis = Shapes.axis(s.i("axis", -1), x.rank(), s.where());
        long[] sh = x.shape();
        int len = (int) sh[axis];
        int inner = (int) Tensor.size(Arrays.copyOfRange(sh, axis + 1, sh.length));
        int outer = (int) (x.size() / len / inner);
        double[] out = new double[x.data().length];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < len; i++) {
                    max = Math.max(max, x.data()[base + i * inner]);
                }
                double sum = 0;
                for (int i = 0; i < len; i++) {
                    sum += Math.exp(x.data()[base + i * inner] - max);
                }
                for (int i = 0; i < len; i++) {
                    out[base + i * inner] = x.type().round(Math.exp(x.data()[base + i * inner] - max) / sum);
                }
            }
        }
        return new Tensor(x.type(), sh, out);
    }

    static Tensor reduce(Step s, Tensor x, List<Tensor> in) {
        int[] axes = OpShapes.reduceAxes(s, x.rank(), in);
        long[] sh = x.shape();
        long[] kept = sh.clone();
        for (int a : axes) {
            kept[a] = 1;
        }
        long[] ks = Shapes.broadcastStrides(kept, sh);
        double[] acc = new double[(int) Tensor.size(kept)];
        long[] idx = new long[sh.length];
        for (int i = 0; i < x.data().length; i++) {
            long j = 0;
            for (int k = 0; k < sh.length; k++) {
                j += idx[k] * ks[k];
            }
            acc[(int) j] += x.data()[i];
            for (int k = sh.length - 1; k >= 0 && ++idx[k] == sh[k]; k--) {
                idx[k] = 0;
            }
        }
        double div = s.op().equals("ReduceMean") ? (double) x.size() / acc.length : 1;
        for (int i = 0; i < acc.length; i++) {
            acc[i] = x.type().round(acc[i] / div);
        }
        return new Tensor(x.type(), OpShapes.reducedShape(s, sh, axes), acc);
    }

    /** Nearest-neighbour resize (coordinate modes asymmetric and half_pixel; nearest modes floor, ceil, round_prefer_*). */
    static Tensor resize(Step s, Tensor x, List<Tensor> in) {
        long[] o = OpShapes.resizeShape(s, x.shape(), in);
        long[] sh = x.shape();
        Tensor scales = in.size() > 2 ? in.get(2) : null;
        String coord = s.s("coordinate_transformation_mode", "half_pixel");
        String nearest = s.s("nearest_mode", "round_prefer_floor");
        long[][] src = new long[sh.length][];
        for (int d = 0; d < sh.length; d++) {
            double scale = scales != null && scales.size() == sh.length ? (float) scales.data()[d] : (double) o[d] / sh[d];
            src[d] = new long[(int) o[d]];
            for (int i = 0; i < o[d]; i++) {
                double c = switch (coord) {
                    case "asymmetric" -> i / scale;
                    case "half_pixel" -> (i + 0.5) / scale - 0.5;
                    default -> throw new OnnxProgramException(s.where() + ": coordinate_transformation_mode " + coord
                            + " is not supported (asymmetric, half_pixel)");
                };
                long j = switch (nearest) {
                    case "floor" -> (long) Math.floor(c);
                    case "ceil" -> (long) Math.ceil(c);
                    case "round_prefer_ceil" -> (long) Math.floor(c + 0.5);
                    default -> (long) Math.ceil(c - 0.5);
                };
                src[d][i] = Math.clamp(j, 0, sh[d] - 1);
            }
        }
        long[] st = Shapes.strides(sh);
        double[] out = new double[(int) Tensor.size(o)];
        long[] idx = new long[o.length];
        for (int i = 0; i < out.length; i++) {
            long j = 0;
            for (int k = 0; k < o.length; k++) {
                j += src[k][(int) idx[k]] * st[k];
            }
            out[i] = x.data()[(int) j];
            for (int k = o.length - 1; k >= 0 && ++idx[k] == o[k]; k--) {
                idx[k] = 0;
            }
        }
        return new Tensor(x.type(), o, out);
    }
}
