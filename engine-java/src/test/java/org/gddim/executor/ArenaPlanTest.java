package org.gddim.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The arena plan of the shipped models: no two simultaneously live buffers overlap, and it beats one buffer per value. */
class ArenaPlanTest {
    @ParameterizedTest(name = "{0} batch {1}")
    @CsvSource({"mnist-vp.onnx, 1", "mnist-vp.onnx, 64", "mnist-edm.onnx, 7", "gmm/gmm-8d-5-vp.onnx, 16"})
    void liveBuffersNeverOverlapAndTheArenaIsSmallerThanNaive(String file, int batch) {
        OnnxProgram p = OnnxProgram.load(Fixtures.modelsDir().resolve(file), batch);
        ArenaPlan plan = new ArenaPlan(p);
        List<ArenaPlan.Slot> slots = plan.slots();
        for (int i = 0; i < slots.size(); i++) {
            ArenaPlan.Slot a = slots.get(i);
            assertEquals(0, a.offset() % ArenaPlan.ALIGN, "aligned " + a);
            assertTrue(a.offset() + a.bytes() <= plan.bytes(), "inside the arena " + a);
            for (int j = i + 1; j < slots.size(); j++) {
                ArenaPlan.Slot b = slots.get(j);
                assertTrue(!(a.liveWith(b) && a.overlaps(b)), "live and overlapping: " + a + " and " + b);
            }
        }
        // every value's buffer is big enough, and views share their input's offset
        for (Step s : p.steps()) {
            if (ArenaPlan.isView(s, p)) {
                assertEquals(plan.offset(s.input(0)), plan.offset(s.output()), s.where());
            }
        }
        assertTrue(plan.bytes() <= plan.naiveBytes(), plan.bytes() + " > naive " + plan.naiveBytes());
        if (file.startsWith("mnist")) {
            assertTrue(plan.bytes() * 4 < plan.naiveBytes(), "expected a 4x saving, got " + plan.bytes() + " of " + plan.naiveBytes());
        }
        System.out.printf("arena %s batch %d: %d bytes vs naive %d (%.1fx), %d buffers%n", file, batch, plan.bytes(),
                plan.naiveBytes(), (double) plan.naiveBytes() / plan.bytes(), slots.size());
    }
}
