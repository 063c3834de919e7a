package org.gddim.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.gddim.cli.GenerateArgs;
import org.gddim.job.GenerateManifest;
import org.gddim.job.ShardMaker;
import org.gddim.job.ShardTarget;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * The task: for its one {@link ShardWork}, verify the listed shard's files against their CRC32C, or make the shard
 * with this executor's engine ({@link ExecutorEngines}) into {@link AttemptFiles} and commit them; the result is the
 * shard's manifest entry. A CUDA job uses the GPU Spark assigned to the task ({@code gpu} resource, first address).
 *
 * @param args the job's arguments, as given to the driver (with its --threads)
 * @param hadoop the driver's Hadoop configuration, so executors reach the output folder the same way
 * @param failShard tests only: the shard whose first attempt fails mid-write, leaving a partial attempt file as a
 *     killed executor would (-1: none; spark.gddim.test.failShard)
 */
record MakeShard(List<String> args, String out, Map<String, String> hadoop, int failShard) implements Serializable {
    /** The function Spark runs per partition (one work item each). */
    static final class Task extends AbstractFunction2<TaskContext, Iterator<ShardWork>, ShardEntry[]> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final MakeShard job;

        Task(MakeShard job) {
            this.job = job;
        }

        @Override
        public ShardEntry[] apply(TaskContext ctx, Iterator<ShardWork> works) {
            java.util.List<ShardEntry> done = new java.util.ArrayList<>();
            try {
                while (works.hasNext()) {
                    ShardWork w = works.next();
                    done.add(BigStack.call("gddim shard " + w.index(), () -> job.run(w, ctx)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            return done.toArray(ShardEntry[]::new);
        }
    }

    ShardEntry run(ShardWork work, TaskContext ctx) throws IOException {
        Path dir = new Path(out);
        FileSystem fs = fileSystem(dir, hadoop);
        if (work.listed() != null && intact(fs, dir, work.listed())) {
            return work.listed().asVerified();
        }
        ExecutorEngines.Key key = new ExecutorEngines.Key(ExecutorFiles.localize(args, shipped()), gpu(ctx));
        String tag = ctx.stageId() + "-" + ctx.partitionId() + "-" + ctx.attemptNumber() + "-" + ctx.taskAttemptId();
        AttemptFiles files = new AttemptFiles(fs, dir, tag);
        try (ExecutorEngines.Lease lease = ExecutorEngines.borrow(key, MakeShard::open)) {
            boolean inject = work.index() == failShard && ctx.attemptNumber() == 0;
            GenerateManifest.Shard s = lease.maker().make(work.index(), inject ? failing(files) : files);
            files.commit();
            return ShardEntry.of(s, false);
        } catch (InjectedFailure e) {
            throw new IOException("injected failure of the first attempt of shard " + work.index() + " (test)", e);
        } catch (IOException | RuntimeException e) {
            files.abort();
            throw e;
        }
    }

    /** Opens this executor's engine for {@code key}. */
    static ShardMaker open(ExecutorEngines.Key key) throws IOException {
        GenerateArgs a = GenerateArgs.parse("gddim-spark", key.args().toArray(String[]::new),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
        return ShardMaker.open(a.job(), a.options().shardSize(), a.options().onNan(), key.device());
    }

    private static java.util.function.UnaryOperator<String> shipped() {
        return name -> {
            try {
                return SparkFiles.get(name);
            } catch (RuntimeException e) { // no SparkEnv (not in a task) or no such file
                return null;
            }
        };
    }

    /** The GPU Spark assigned to this task (spark.task.resource.gpu.amount), or 0. */
    static int gpu(TaskContext ctx) {
        ResourceInformation gpu = ctx.resourcesJMap().get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return 0;
        }
        try {
            return Integer.parseInt(gpu.addresses()[0].strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the task's gpu resource address '" + gpu.addresses()[0]
                    + "' is not a CUDA device number (check spark.executor.resource.gpu.discoveryScript)", e);
        }
    }

    private static boolean intact(FileSystem fs, Path dir, ShardEntry s) throws IOException {
        return s.crc32c().equals(AttemptFiles.crc32c(fs, new Path(dir, s.file())))
                && (s.sheet() == null || s.sheetCrc32c().equals(AttemptFiles.crc32c(fs, new Path(dir, s.sheet()))));
    }

    static FileSystem fileSystem(Path dir, Map<String, String> hadoop) throws IOException {
        Configuration conf = new Configuration(false);
        hadoop.forEach(conf::set);
        FileSystem fs = dir.getFileSystem(conf);
        fs.setWriteChecksum(false); // no .crc sidecars on file: (the manifest holds each file's CRC32C)
        return fs;
    }

    /** Thrown by the test's failing target after a partial write. */
    static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure() {
            super("injected failure mid-write (test)");
        }
    }

    /** The test's fault: the shard's .npy stops after 4 KiB and the attempt dies without cleaning up. */
    private static ShardTarget failing(AttemptFiles files) {
        return (name, content) -> files.write(name, out -> content.write(new OutputStream() {
            private long n;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (n + len > 4096) {
                    out.write(b, off, (int) (4096 - n));
                    out.flush();
                    throw new InjectedFailure();
                }
                out.write(b, off, len);
                n += len;
            }
        }));
    }
}
