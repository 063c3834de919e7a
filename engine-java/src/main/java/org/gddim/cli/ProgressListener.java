package org.gddim.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gddim.job.RunListener;

/** A progress bar on stderr (me.tongfei:progressbar), counting grid steps over all batches. */
final class ProgressListener implements RunListener {
    private ProgressBar bar;

    /** Whether stderr is an interactive terminal. */
    static boolean interactive() {
        return System.console() != null && System.console().isTerminal();
    }

    @Override
    public void begin(long totalSteps, long doneSteps, String label) {
        bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250)
                .showSpeed().setUnit(" steps", 1).build();
        bar.stepTo(doneSteps);
    }

    @Override
    public void step() {
        bar.step();
    }

    @Override
    public void end() {
        bar.close();
    }
}
