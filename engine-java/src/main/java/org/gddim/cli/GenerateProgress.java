package org.gddim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gddim.job.GenerateListener;

/**
 * Progress of {@code gddim generate} on stderr: on a terminal a bar in samples with samples/s and ETA
 * (me.tongfei:progressbar, as sample's); otherwise (CI, logs, Spark) one plain line every {@code intervalSeconds}
 * and at the end, e.g. {@code generate: 12000/100000 samples (12.0%), 850 samples/s, ETA 1m43s}. The count moves
 * with every solver step (a batch of B samples at step k of N counts as B k / N), so a slow batch shows progress.
 */
final class GenerateProgress implements GenerateListener {
    private final boolean bar;
    private final PrintWriter err;
    private final double intervalSeconds;
    private ProgressBar progress;
    private long total;
    private long done;
    private long partial; // samples' worth of solver steps of the batch in progress
    private long startDone;
    private long start;
    private long lastLine;
    private long lastLineDone = -1; // samples done at the last plain line

    GenerateProgress(boolean bar, PrintWriter err, double intervalSeconds) {
        this.bar = bar;
        this.err = err;
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public void begin(long total, long done, String label) {
        this.total = total;
        this.done = done;
        this.startDone = done;
        this.start = System.nanoTime();
        this.lastLine = start;
        if (bar) {
            progress = new ProgressBarBuilder().setTaskName(label).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250)
                    .showSpeed().setUnit(" samples", 1).build();
            progress.stepTo(done);
        } else if (done > 0) {
            err.printf(Locale.ROOT, "generate: %d/%d samples found finished (checksums verified)%n", done, total);
        }
    }

    @Override
    public void samples(int count) {
        done += count;
        partial = 0;
        update();
    }

    @Override
    public void step(int rows, int step, int steps) {
        partial = (long) rows * step / steps;
        update();
    }

    private void update() {
        if (bar) {
            progress.stepTo(done + partial);
            return;
        }
        long now = System.nanoTime();
        if ((now - lastLine) / 1e9 >= intervalSeconds) {
            lastLine = now;
            line(now);
        }
    }

    private void line(long now) {
        lastLineDone = done;
        double s = (now - start) / 1e9;
        long shown = done + partial;
        double rate = s > 0 ? (shown - startDone) / s : 0;
        err.printf(Locale.ROOT, "generate: %d/%d samples (%.1f%%), %.0f samples/s, ETA %s%n", shown, total,
                100.0 * shown / Math.max(1, total), rate,
                rate > 0 ? org.gddim.job.GenerateRun.duration((total - shown) / rate) : "unknown");
    }

    @Override
    public void note(String text) {
        if (bar) {
            progress.pause();
            System.err.println("\r" + text);
            progress.resume();
        } else {
            err.println("generate: " + text);
        }
    }

    @Override
    public void end() {
        if (bar) {
            progress.close();
        } else if (done > startDone && done != lastLineDone) {
            line(System.nanoTime());
        }
    }
}
