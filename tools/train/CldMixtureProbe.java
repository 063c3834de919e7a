import java.nio.file.Path;
import org.gddim.backend.*;
import org.gddim.io.Npy;
import org.gddim.model.*;
import org.gddim.process.*;
import org.gddim.process.Process;

/**
 * The measurement of docs/models.md, "The CLD divergence": for the network and probes written by
 * tools/train/cld_mixture.py into DIR, per probe time t: max |ONNX Runtime - PyTorch|, the network's eps against
 * the exact eps of the mixture (the engine's GmmScore under cld), and how both respond to scaling the state by 0.5
 * and 2. Run from the repository root after make build:
 *   java --enable-native-access=ALL-UNNAMED -cp "engine-java/target/gddim-engine-0.1.0-SNAPSHOT.jar:engine-java/target/lib/*" \
 *       tools/train/CldMixtureProbe.java DIR
 */
public class CldMixtureProbe {
    static double norm(float[] a) { double s = 0; for (float x : a) s += x * x; return Math.sqrt(s); }

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        GaussianMixture gmm = GmmJson.read(dir.resolve("gmm.json"));
        Process p = ProcessKind.valueOf(a.length > 1 ? a[1].toUpperCase() : "CLD").create(gmm.shape().dims());
        GmmScore exact = new GmmScore(gmm, p);
        float[] u = Npy.readAll(dir.resolve("probe-u.npy"));
        float[] t = Npy.readAll(dir.resolve("probe-t.npy"));
        float[] pt = Npy.readAll(dir.resolve("probe-eps-torch.npy"));
        float[] z = Npy.readAll(dir.resolve("probe-z.npy"));
        int n = t.length, dim = u.length / n;
        Backend be = Backends.open(BackendKind.JAVA);
        try (OnnxScoreModel net = OnnxScoreModel.open(dir.resolve("net.onnx"), p, 1)) {
            int i = 0;
            System.out.println("t | max|ORT - torch| | rms(net - exact) | max|net - exact| | rms(exact) | rms(z - exact)");
            while (i < n) {
                int j = i;
                while (j < n && t[j] == t[i]) j++;
                int b = j - i;
                Buffer in = be.allocate((long) b * dim), out = be.allocate((long) b * dim), ex = be.allocate((long) b * dim);
                float[] chunk = java.util.Arrays.copyOfRange(u, i * dim, j * dim);
                be.write(in, 0, chunk);
                net.predict(in, t[i], out, b);
                exact.eps(in, t[i], ex, b);
                float[] o = new float[b * dim], e = new float[b * dim];
                be.read(out, 0, o);
                be.read(ex, 0, e);
                double dOrt = 0, ss = 0, mx = 0, se = 0, sz = 0;
                for (int k = 0; k < b * dim; k++) {
                    dOrt = Math.max(dOrt, Math.abs(o[k] - pt[i * dim + k]));
                    double d = o[k] - e[k];
                    ss += d * d; mx = Math.max(mx, Math.abs(d)); se += e[k] * e[k];
                    double dz = z[i * dim + k] - e[k]; sz += dz * dz;
                }
                int m = b * dim;
                for (double c : new double[] {0.5, 2.0}) { // response to the state's overall scale
                    float[] sc = chunk.clone();
                    for (int k = 0; k < sc.length; k++) sc[k] *= (float) c;
                    be.write(in, 0, sc);
                    net.predict(in, t[i], out, b);
                    exact.eps(in, t[i], ex, b);
                    float[] o2 = new float[b * dim], e2 = new float[b * dim];
                    be.read(out, 0, o2);
                    be.read(ex, 0, e2);
                    System.out.printf("   scale %.1f: |net(c u)|/|net(u)| = %.3f, |exact(c u)|/|exact(u)| = %.3f%n", c, norm(o2) / norm(o), norm(e2) / norm(e));
                }
                System.out.printf("%g | %.3g | %.4g | %.4g | %.4g | %.4g%n", t[i], dOrt, Math.sqrt(ss / m), mx, Math.sqrt(se / m), Math.sqrt(sz / m));
                i = j;
            }
        }
    }
}
