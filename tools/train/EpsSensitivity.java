import java.nio.file.Path;
import java.util.Random;
import org.gddim.backend.*;
import org.gddim.job.DataReadout;
import org.gddim.model.*;
import org.gddim.process.*;
import org.gddim.process.Process;
import org.gddim.quality.MethodSpec;
import org.gddim.schedule.*;
import org.gddim.solver.*;

/**
 * The sampler's sensitivity to three kinds of eps error, on an exact mixture (docs/models.md, "The CLD divergence"):
 * 64 samples of METHOD at NFE from the prior (seeded), with the exact eps replaced by
 *   random: exact + delta xi (fresh unit normals each call),  scale: exact (1 + delta),
 *   blind:  exact rescaled to the norm (1 - delta) sqrt(D) + delta |exact| (delta = 0: a norm that ignores the state's
 *           scale, as a GroupNorm network nearly does; delta = 1: exact);
 * prints max |x| and the rms of the samples. Run from the repository root after make build:
 *   java --enable-native-access=ALL-UNNAMED -cp "engine-java/target/gddim-engine-0.1.0-SNAPSHOT.jar:engine-java/target/lib/*" \
 *       tools/train/EpsSensitivity.java models/gmm/gmm-3x16x16-8.json cld gddim:2 20
 */
public class EpsSensitivity {
    public static void main(String[] a) throws Exception {
        GaussianMixture gmm = GmmJson.read(Path.of(a[0]));
        Process p = ProcessKind.valueOf(a[1].toUpperCase()).create(gmm.shape().dims());
        GmmScore exact = new GmmScore(gmm, p);
        int n = 64;
        int dim = exact.stateShape().size();
        int d = exact.shape().size();
        Backend be = Backends.open(BackendKind.JAVA);
        String[] modes = {"random", "scale", "blind"};
        double[][] deltas = {{0.01, 0.1}, {-0.3, -0.1, 0.1, 0.3}, {0, 0.5, 1}};
        for (int mi = 0; mi < modes.length; mi++) {
            String mode = modes[mi];
            for (double delta : deltas[mi]) {
                Random rng = new Random(1);
                ScoreModel m = new ScoreModel() {
                    public DataShape shape() { return exact.shape(); }
                    public DataShape stateShape() { return exact.stateShape(); }
                    public String describe() { return "perturbed exact eps"; }
                    public void eps(Buffer u, double t, Buffer out, int batch) {
                        exact.eps(u, t, out, batch);
                        HostBuffer o = HostBuffer.of(out);
                        for (int b = 0; b < batch; b++) {
                            double ne = 0;
                            for (int i = 0; i < dim; i++) ne += o.get((long) b * dim + i) * o.get((long) b * dim + i);
                            double want = Math.sqrt(dim) * (1 - delta) + delta * Math.sqrt(ne);
                            for (int i = 0; i < dim; i++) {
                                long k = (long) b * dim + i;
                                double e = o.get(k);
                                o.set(k, switch (mode) {
                                    case "random" -> e + delta * rng.nextGaussian();
                                    case "scale" -> e * (1 + delta);
                                    default -> e * want / Math.sqrt(ne);
                                });
                            }
                        }
                    }
                };
                Solver s = MethodSpec.parse(a[2]).solver();
                int nfe = Integer.parseInt(a[3]);
                GridKind kind = p instanceof NoiseLevel ? GridKind.LOGSNR : GridKind.QUADRATIC;
                Plan plan = s.plan(p, TimeGrids.make(kind, p, p.defaultTMax(), p.defaultTMin(), s.stepsFor(nfe)));
                SamplerState st = new SamplerState(be, plan, n, dim);
                float[] start = new float[n * dim];
                Random r0 = new Random(7);
                for (int i = 0; i < start.length; i++) {
                    start[i] = (float) (r0.nextGaussian() * p.priorStd(p.defaultTMax(), (i % dim) / d));
                }
                be.write(st.u(), 0, start);
                Sampler.run(plan, m, be, st, StepObserver.NONE);
                float[] x = new DataReadout(p, exact.shape(), be, n, dim).read(st.u(), n);
                double mx = 0, ss = 0;
                for (float v : x) { mx = Math.max(mx, Math.abs(v)); ss += v * v; }
                System.out.printf("%s %s NFE %d, %s delta %.2f: max|x| %.3g, rms %.3g%n", a[1], a[2], nfe, mode, delta, mx,
                        Math.sqrt(ss / x.length));
            }
        }
    }
}
