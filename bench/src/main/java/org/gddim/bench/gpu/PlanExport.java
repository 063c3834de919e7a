package org.gddim.bench.gpu;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gddim.io.AtomicFiles;
import org.gddim.process.Vp;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Corrector;
import org.gddim.solver.GDdim;
import org.gddim.solver.Plan;

/**
 * Writes the plan of GpuReport's whole run (gDDIM q = 2, no corrector, linear VP, logSNR grid from 1 to 1e-3) as
 * JSON for tools/peers/torch_plan_gmm.py, so tools/gpu-check can compare the PyTorch peer's samples with the
 * engine's from the same x_T. It is the plan `gddim sample --process vp --solver gddim --order 2 --grid logsnr
 * --nfe N` runs. Usage: PlanExport NFE FILE.json
 */
public final class PlanExport {
    private PlanExport() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PlanExport NFE FILE.json");
            System.exit(2);
        }
        int nfe = Integer.parseInt(args[0]);
        Vp vp = Vp.linear();
        Plan plan = new GDdim(2, Corrector.NONE).plan(vp, TimeGrids.make(GridKind.LOGSNR, vp, 1.0, 1e-3, nfe));
        AtomicFiles.write(Path.of(args[1]), GpuReport.planJson(plan, vp).getBytes(StandardCharsets.UTF_8));
        System.out.println("wrote " + args[1] + " (" + plan.method() + ", " + nfe + " NFE)");
    }
}
