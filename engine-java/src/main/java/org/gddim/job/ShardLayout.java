package org.gddim.job;

/**
 * How {@code count} samples are cut into shards of {@code size} (the last one shorter) and which of them part
 * {@code part} of {@code parts} generates ({@code --shard I/N}, 1-based): the shards {@code [I-1)k/N .. Ik/N)} of
 * k, a contiguous run of whole shards, so N machines' outputs merge into exactly the shards of one machine.
 */
public record ShardLayout(long count, int size, int part, int parts) {
    public ShardLayout {
        if (count < 1) {
            throw new JobException("--n must be at least 1, got " + count);
        }
        if (size < 1) {
            throw new JobException("--shard-size must be at least 1, got " + size);
        }
        if (parts < 1 || part < 1 || part > parts) {
            throw new JobException("--shard I/N needs 1 <= I <= N, got " + part + "/" + parts);
        }
        long shards = (count + size - 1) / size;
        if (parts > shards) {
            throw new JobException("--shard " + part + "/" + parts + ": " + count + " samples make only " + shards
                    + " shards of --shard-size " + size + "; use at most " + shards + " parts or a smaller --shard-size");
        }
        if (shards > Integer.MAX_VALUE) {
            throw new JobException("--n " + count + " in shards of " + size + " makes " + shards
                    + " shards, more than one output folder can list; raise --shard-size");
        }
    }

    /** The layout of one machine doing every shard. */
    public static ShardLayout whole(long count, int size) {
        return new ShardLayout(count, size, 1, 1);
    }

    /** Parses {@code --shard I/N}. */
    public static int[] parsePart(String spec) {
        String[] p = spec.split("/", -1);
        try {
            if (p.length == 2) {
                return new int[] {Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip())};
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new JobException("--shard must be I/N (this machine's part I of N, 1-based), got '" + spec + "'");
    }

    /** Shards of the whole job. */
    public int shards() {
        return (int) ((count + size - 1) / size);
    }

    /** The first shard of this part. */
    public int firstShard() {
        return (int) ((long) (part - 1) * shards() / parts);
    }

    /** One past the last shard of this part. */
    public int endShard() {
        return (int) ((long) part * shards() / parts);
    }

    /** Index of shard {@code j}'s first sample. */
    public long first(int j) {
        return (long) j * size;
    }

    /** Samples in shard {@code j}. */
    public int rows(int j) {
        return (int) Math.min(size, count - first(j));
    }

    /** Samples this part generates. */
    public long partSamples() {
        return endShard() <= firstShard() ? 0 : Math.min(count, first(endShard())) - first(firstShard());
    }

    /** The file name of shard {@code j}'s samples. */
    public static String shardFile(int j) {
        return String.format("shard-%06d.npy", j);
    }

    /** The file name of shard {@code j}'s contact sheet. */
    public static String sheetFile(int j) {
        return String.format("shard-%06d.png", j);
    }
}
