package org.gddim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gddim.ld3.Ld3Listener;
import org.gddim.ld3.Ld3Trainer;

/**
 * LD3's progress on stderr: a bar (me.tongfei:progressbar) over optimiser iterations showing the round, the train
 * and validation losses and the best validation loss; or, when {@code lines} is given (stderr is not a terminal),
 * one plain line every 10 iterations and at the end.
 */
final class Ld3Progress implements Ld3Listener {
    private final PrintWriter lines;
    private ProgressBar bar;
    private Ld3Trainer.Iteration last;

    Ld3Progress(PrintWriter lines) {
        this.lines = lines;
    }

    @Override
    public void begin(int iterations) {
        if (lines == null) {
            bar = new ProgressBarBuilder().setTaskName("ld3").setInitialMax(iterations).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).build();
        }
    }

    @Override
    public void iteration(Ld3Trainer.Iteration it) {
        last = it;
        String text = String.format(Locale.ROOT, "round %d train %.3e val %.3e best %.3e", it.round(), it.trainLoss(),
                it.valLoss(), it.bestValLoss());
        if (bar != null) {
            bar.stepTo(Math.min(it.iteration(), bar.getMax()));
            bar.setExtraMessage(text);
        } else if (it.iteration() % 10 == 0) {
            lines.printf(Locale.ROOT, "ld3: iteration %d, %s, %d evaluations, %.1f s%n", it.iteration(), text, it.evaluations(),
                    it.seconds());
        }
    }

    @Override
    public void end() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
        } else if (last != null && last.iteration() % 10 != 0) {
            lines.printf(Locale.ROOT, "ld3: iteration %d (last), best validation loss %.3e, %.1f s%n", last.iteration(),
                    last.bestValLoss(), last.seconds());
        }
    }
}
