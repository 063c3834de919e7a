package org.gddim.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gddim.backend.BackendKind;
import org.gddim.process.ProcessKind;
import org.gddim.process.Readout;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Op;
import org.gddim.solver.Plan;
import org.gddim.solver.SolverKind;
import org.gddim.solver.SolverSpec;
import org.gddim.structure.Structure;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The .gdkplan file (docs/c-abi.md): what is written is the solver's own plan, op by op and bit for bit in its
 * coefficients; it reads back equal; and a corrupt, truncated or wrong-version file is refused with a message that
 * says which.
 */
class PlanFileTest {
    private static final Path GMM = Fixtures.modelsDir().resolve("gmm/gmm-8d-5.json");

    static SampleJob job(ProcessKind process, SolverKind solver, Integer order, int nfe) {
        SolverSpec spec = SampleJob.solver(solver, order, null, null, Double.NaN, null);
        return new SampleJob(process, ModelSource.parse("gmm:" + GMM), spec, null, nfe, Double.NaN, Double.NaN, 1, 0,
                null, BackendKind.NATIVE, GraphMode.OFF, null, 0, Path.of("unused.gdkplan"), false);
    }

    @ParameterizedTest
    @CsvSource({"vp, gddim, 3, 10", "vp, dpmpp, 2, 10", "vp, unipc-bh2, 2, 10", "vp, plms, , 12", "cld, gddim, 2, 10",
        "ve, gddim, 2, 8", "vp, gddim, 1, 6"})
    void theFileHoldsTheSolversPlanAndReadsBackEqual(String process, String solver, Integer order, int nfe) throws IOException {
        ProcessKind p = ProcessKind.named(process).orElseThrow();
        SolverKind s = Arrays.stream(SolverKind.values()).filter(k -> k.toString().equals(solver)).findFirst().orElseThrow();
        SampleJob job = job(p, s, order, nfe);
        PlanFile file = PlanExport.plan(job);
        var proc = p.create(8);
        var solverInstance = job.solver().create();
        Plan plan = solverInstance.plan(proc, TimeGrids.make(job.grid(), proc, proc.defaultTMax(), proc.defaultTMin(),
                solverInstance.stepsFor(nfe)));
        assertOpsEqual(plan.ops(), file.ops());
        assertEquals(plan.buffers(), file.buffers());
        assertEquals(plan.nfe(), file.evals().size());
        assertArrayEquals(plan.grid().t(), file.grid());
        assertEquals(p == ProcessKind.CLD ? Structure.BLOCK2 : Structure.SCALAR, file.structure());
        assertEquals(p == ProcessKind.CLD ? Readout.FIRST_PLANE : Readout.STATE, file.readout());
        assertArrayEquals(p == ProcessKind.CLD ? new int[] {2, 8} : new int[] {8}, file.stateShape());

        byte[] bytes = file.toBytes();
        PlanFile back = PlanFile.parse(bytes, "x.gdkplan");
        assertOpsEqual(file.ops(), back.ops());
        assertArrayEquals(bytes, back.toBytes());
        assertEquals(file.method(), back.method());
        assertArrayEquals(file.priorStd(), back.priorStd());
        for (int e = 0; e < file.evals().size(); e++) {
            var a = file.evals().get(e);
            var b = back.evals().get(e);
            assertEquals(a.sigma(), b.sigma());
            assertArrayEquals(a.frame(), b.frame());
        }
    }

    @Test
    void evalInputsAreTheProcessConventions() throws IOException {
        PlanFile file = PlanExport.plan(job(ProcessKind.VP, SolverKind.GDDIM, 2, 6));
        var vp = (org.gddim.process.ScalarProcess) ProcessKind.VP.create(8);
        int e = 0;
        for (Op op : file.ops()) {
            if (op instanceof Op.Eval ev) {
                var in = file.evals().get(e++);
                assertEquals(vp.alpha(ev.t()), in.alpha());
                assertEquals(vp.sigma(ev.t()), in.sigma());
                assertEquals(vp.sigma(ev.t()) / vp.alpha(ev.t()), in.rho(), 1e-12 * in.rho());
                assertEquals(in.sigma(), in.frame()[0], 1e-15);
            }
        }
        assertEquals(6, e);
    }

    /** BDM: per-frequency (DIAGONAL) maps of H W doubles, the inverse-DCT readout, rho but no alpha. */
    @Test
    void bdmPlansCarryPerFrequencyMaps() {
        var bdm = ProcessKind.BDM.create(1, 4, 4);
        var solver = SampleJob.solver(SolverKind.GDDIM, 2, null, null, Double.NaN, null).create();
        Plan plan = solver.plan(bdm, TimeGrids.make(GridKind.QUADRATIC, bdm, bdm.defaultTMax(), bdm.defaultTMin(), 8));
        PlanFile file = PlanFile.of(plan, bdm, "bdm", org.gddim.model.DataShape.of(1, 4, 4), bdm.defaultTMax(),
                bdm.defaultTMin());
        assertEquals(Structure.DIAGONAL, file.structure());
        assertEquals(16, file.coefLength());
        assertEquals(Readout.INVERSE_DCT, file.readout());
        PlanFile back = PlanFile.parse(file.toBytes(), "bdm.gdkplan");
        assertOpsEqual(plan.ops(), back.ops());
        assertArrayEquals(file.toBytes(), back.toBytes());
        assertTrue(Double.isNaN(back.evals().getFirst().alpha()) && back.evals().getFirst().rho() > 0);
    }

    private static byte[] valid() throws IOException {
        return PlanExport.plan(job(ProcessKind.VP, SolverKind.GDDIM, 3, 10)).toBytes();
    }

    private static String refusal(byte[] bytes) {
        return assertThrows(JobException.class, () -> PlanFile.parse(bytes, "p.gdkplan")).getMessage();
    }

    @Test
    void corruptTruncatedAndWrongVersionFilesAreRefused() throws IOException {
        byte[] good = valid();
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        assertEquals("p.gdkplan: plan checksum mismatch (the file is corrupt)", refusal(flipped));
        assertTrue(refusal(Arrays.copyOf(good, good.length - 8)).startsWith("p.gdkplan: truncated or padded plan"));
        assertTrue(refusal(Arrays.copyOf(good, 20)).contains("shorter than the header"));
        byte[] v2 = good.clone();
        ByteBuffer.wrap(v2).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 2);
        assertEquals("p.gdkplan: plan format version 2, this engine reads version 1", refusal(v2));
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertEquals("p.gdkplan: not a gdkplan file (bad magic)", refusal(magic));
    }

    /** A payload that passes the checksum but breaks the op table (a writer's bug, not corruption) is refused too. */
    @Test
    void aConsistentChecksumDoesNotHideABadOpTable() throws IOException {
        byte[] good = valid();
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(PlanFile.HEADER_BYTES + 88, 2); // buffers = 2, the plan uses 4
        var crc = new java.util.zip.CRC32C();
        crc.update(good, PlanFile.HEADER_BYTES, good.length - PlanFile.HEADER_BYTES);
        b.putInt(24, (int) crc.getValue());
        assertTrue(refusal(good).contains("outside [0, 2)"), refusal(good));
    }

    static void assertOpsEqual(List<Op> expected, List<Op> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Op a = expected.get(i);
            Op b = actual.get(i);
            switch (a) {
                case Op.Eval e -> assertEquals(e, b, "op " + i);
                case Op.Step s -> {
                    Op.Step t = assertInstanceOf(Op.Step.class, b, "op " + i);
                    assertEquals(s.dst(), t.dst());
                    assertEquals(s.src(), t.src());
                    assertEquals(s.t(), t.t());
                    assertArrayEquals(s.psi(), t.psi());
                    assertArrayEquals(s.terms(), t.terms());
                    for (int j = 0; j < s.c().length; j++) {
                        assertArrayEquals(s.c()[j], t.c()[j], "op " + i + " c" + j);
                    }
                    assertEquals(s.noise() == null, t.noise() == null);
                }
            }
        }
    }
}
