package org.gddim.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.gddim.io.AtomicFiles;

/**
 * {@code gddim merge}: the output folders of the parts of one generate job ({@code --shard I/N} on N machines) into
 * one folder equal, file for file and byte for byte, to the one a single machine makes. Every input is checked
 * before anything is written: one set of settings, each shard exactly once, no shard missing, every file matching
 * its CRC32C.
 */
public final class MergeRun {
    private MergeRun() {}

    /** What a merge wrote: the manifest, the number of shards and samples. */
    public record Result(Path manifest, int shards, long samples) {}

    private record Source(Path dir, GenerateManifest.Shard shard) {}

    public static Result execute(List<Path> inputs, Path out, boolean force) throws IOException {
        if (inputs.isEmpty()) {
            throw new JobException("merge needs at least one input folder");
        }
        GenerateManifest reference = null;
        Path referenceFile = null;
        TreeMap<Integer, Source> shards = new TreeMap<>();
        for (Path dir : inputs) {
            if (dir.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new JobException("--out " + out + " is also an input; merge into a new folder");
            }
            Path file = dir.resolve(OutputFolder.MANIFEST);
            if (!Files.isRegularFile(file)) {
                throw new JobException(dir + " holds no " + OutputFolder.MANIFEST + " (not the output of gddim generate)");
            }
            GenerateManifest m = GenerateManifest.read(file);
            if (reference == null) {
                reference = m;
                referenceFile = file;
            } else if (!reference.settings().equals(m.settings())) {
                throw new JobException(file + " is from a job with other settings than " + referenceFile + " ("
                        + OutputFolder.differences(reference.settings().toString(), m.settings().toString())
                        + "); only the parts of one job can be merged");
            }
            for (GenerateManifest.Shard s : m.shards()) {
                Source other = shards.put(s.index(), new Source(dir, s));
                if (other != null) {
                    throw new JobException("shard " + s.index() + " (samples " + s.first() + ".." + (s.first() + s.count() - 1)
                            + ") is in both " + other.dir() + " and " + dir + "; the parts overlap");
                }
            }
        }
        ShardLayout layout = reference.layout();
        List<String> gaps = new ArrayList<>();
        for (int j = 0; j < layout.shards(); ) {
            if (shards.containsKey(j)) {
                j++;
                continue;
            }
            int k = j;
            while (k + 1 < layout.shards() && !shards.containsKey(k + 1)) {
                k++;
            }
            gaps.add((k == j ? "shard " + j : "shards " + j + ".." + k) + " (samples " + layout.first(j) + ".."
                    + (layout.first(k) + layout.rows(k) - 1) + ")");
            j = k + 1;
        }
        if (!gaps.isEmpty()) {
            throw new JobException("the inputs miss " + String.join(", ", gaps.subList(0, Math.min(5, gaps.size())))
                    + (gaps.size() > 5 ? " and " + (gaps.size() - 5) + " more ranges" : "")
                    + "; generate them (gddim generate ... --shard I/N into a folder given here) or resume the part that "
                    + "stopped");
        }
        for (Source s : shards.values()) { // every checksum before anything is written
            checkFile(s.dir(), s.shard().file(), s.shard().crc32c());
            if (s.shard().sheet() != null) {
                checkFile(s.dir(), s.shard().sheet(), s.shard().sheetCrc32c());
            }
        }
        OutputFolder.createWritable(out);
        try (OutputFolder lock = OutputFolder.locked(out)) {
            Path manifest = lock.dir().resolve(OutputFolder.MANIFEST);
            if (Files.exists(manifest) && !force) {
                throw new JobException(out + " already holds " + OutputFolder.MANIFEST + "; pass --force to replace it or "
                        + "choose another --out");
            }
            Files.deleteIfExists(manifest);
            List<GenerateManifest.Shard> entries = new ArrayList<>();
            for (Source s : shards.values()) {
                copy(s.dir(), out, s.shard().file(), s.shard().crc32c());
                if (s.shard().sheet() != null) {
                    copy(s.dir(), out, s.shard().sheet(), s.shard().sheetCrc32c());
                }
                entries.add(s.shard());
            }
            new GenerateManifest(reference.settings(), entries).write(manifest);
            return new Result(manifest, entries.size(), layout.count());
        }
    }

    private static void checkFile(Path dir, String name, String crc) throws IOException {
        String actual = ShardFiles.crc32c(dir.resolve(name));
        if (actual == null) {
            throw new JobException(dir.resolve(name) + " is listed in " + dir.resolve(OutputFolder.MANIFEST)
                    + " but missing; rerun that part's generate command to regenerate it");
        }
        if (!actual.equals(crc)) {
            throw new JobException(dir.resolve(name) + " does not match its CRC32C in " + dir.resolve(OutputFolder.MANIFEST)
                    + " (" + actual + ", listed " + crc + "): corrupt or changed; rerun that part's generate command to "
                    + "regenerate it");
        }
    }

    /** Copies {@code name} atomically, checking its CRC32C as it streams (the input may have changed since). */
    private static void copy(Path from, Path to, String name, String crc) throws IOException {
        Path target = to.resolve(name);
        AtomicFiles.write(target, out -> {
            CRC32C c = new CRC32C();
            CheckedOutputStream checked = new CheckedOutputStream(out, c);
            Files.copy(from.resolve(name), checked);
            checked.flush();
            if (!String.format("%08x", c.getValue()).equals(crc)) {
                throw new IOException(from.resolve(name) + " changed while it was merged (CRC32C no longer " + crc + ")");
            }
        });
    }
}
