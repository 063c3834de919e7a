package org.gddim.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/** The measured cells of the report: which benchmark result is which table row, with JMH's score and error. */
final class Measurements {
    private Measurements() {}

    /** One measured cell: average microseconds per call and JMH's 99.9 % error (NaN with too few samples). */
    record Cell(double us, double errUs, long samples) {
        double gbps(double bytes) {
            return bytes / (us * 1e3);
        }

        double gbpsErr(double bytes) {
            return gbps(bytes) * errUs / us;
        }

        double relErr() {
            return Double.isFinite(errUs) ? errUs / us : Double.NaN;
        }
    }

    /** Rows of the tables. */
    enum Op {
        FUSED_NATIVE("fused step, nativeCpu (C kernel via FFM)"),
        FUSED_JAVA("fused step, javaScalar (pure-Java reference)"),
        TRIAD("triad pass, C (the bandwidth limit)"),
        SEPARATE("separate passes, C (peers' scheduler step)"),
        BLOCK2_NATIVE("2x2-block step (CLD), nativeCpu"),
        BLOCK2_JAVA("2x2-block step (CLD), javaScalar"),
        DIAG_NATIVE("diagonal step (BDM, m = 1024), nativeCpu"),
        DIAG_JAVA("diagonal step (BDM, m = 1024), javaScalar"),
        DCT_NATIVE("2-D DCT-II of 32 x 32 images, nativeCpu"),
        DCT_JAVA("2-D DCT-II of 32 x 32 images, javaScalar");

        final String label;

        Op(String label) {
            this.label = label;
        }
    }

    record Key(Op op, long n, int k) {}

    /** The rows of the per-k tables (the DCT has no k and gets its own table). */
    static final List<Op> STEP_OPS = List.of(Op.FUSED_NATIVE, Op.FUSED_JAVA, Op.TRIAD, Op.SEPARATE, Op.BLOCK2_NATIVE,
            Op.BLOCK2_JAVA, Op.DIAG_NATIVE, Op.DIAG_JAVA);

    static Map<Key, Cell> collect(Collection<RunResult> results) {
        Map<Key, Cell> cells = new HashMap<>();
        for (RunResult r : results) {
            var params = r.getParams();
            String bench = params.getBenchmark();
            Op op;
            if (bench.endsWith("EiStepBench.fusedStep")) {
                op = "javaScalar".equals(params.getParam("backend")) ? Op.FUSED_JAVA : Op.FUSED_NATIVE;
            } else if (bench.endsWith("TriadBench.triad")) {
                op = Op.TRIAD;
            } else if (bench.endsWith("SeparatePassesBench.separatePasses")) {
                op = Op.SEPARATE;
            } else if (bench.endsWith("Block2StepBench.block2Step")) {
                op = "javaScalar".equals(params.getParam("backend")) ? Op.BLOCK2_JAVA : Op.BLOCK2_NATIVE;
            } else if (bench.endsWith("DiagStepBench.diagStep")) {
                op = "javaScalar".equals(params.getParam("backend")) ? Op.DIAG_JAVA : Op.DIAG_NATIVE;
            } else if (bench.endsWith("Dct2Bench.dct2")) {
                op = "javaScalar".equals(params.getParam("backend")) ? Op.DCT_JAVA : Op.DCT_NATIVE;
            } else {
                continue;
            }
            var primary = r.getPrimaryResult();
            if (!"us/op".equals(primary.getScoreUnit())) {
                throw new IllegalStateException("expected us/op, got " + primary.getScoreUnit());
            }
            String k = params.getParam("k");
            cells.put(new Key(op, Long.parseLong(params.getParam("n")), k == null ? 0 : Integer.parseInt(k)),
                    new Cell(primary.getScore(), primary.getScoreError(), primary.getSampleCount()));
        }
        return cells;
    }
}
