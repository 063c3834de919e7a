package org.gddim.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real small file system for the full-disk tests: a tmpfs of {@code kib} KiB mounted where the test may (root;
 * the test is skipped otherwise, with the reason), unmounted by {@link #close()}.
 */
final class SmallDisk implements AutoCloseable {
    private final Path mount;

    private SmallDisk(Path mount) {
        this.mount = mount;
    }

    /** Mounts a {@code kib} KiB tmpfs at {@code dir/disk}, or skips the calling test. */
    static SmallDisk mount(Path dir, int kib) throws Exception {
        Path mount = Files.createDirectories(dir.resolve("disk"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(ok, "cannot mount a small tmpfs here (needs root): full-disk test skipped");
        return new SmallDisk(mount);
    }

    /** The mount point. */
    Path path() {
        return mount;
    }

    /** Fills the file system with {@code filler}: another writer taking the free space. */
    static void fill(Path filler) {
        try (var out = Files.newOutputStream(filler)) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // the file system is full now
        }
    }

    @Override
    public void close() throws IOException {
        try {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unmounting " + mount, e);
        }
    }
}
