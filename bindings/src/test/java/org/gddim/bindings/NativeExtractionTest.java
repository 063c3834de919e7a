package org.gddim.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundled library is extracted once per content into the cache folder and reused, instead of a new
 * {@code gddim-native-*} folder in the system temp directory per run (which filled a service's disk).
 */
class NativeExtractionTest {
    @TempDir
    Path dir;

    private URL jarEntry(String name, byte[] content) throws IOException {
        Path jar = dir.resolve("lib-" + content.length + ".jar");
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(f)) {
            out.putNextEntry(new JarEntry("org/gddim/native/" + name));
            out.write(content);
            out.closeEntry();
        }
        return java.net.URI.create("jar:" + jar.toUri() + "!/org/gddim/native/" + name).toURL();
    }

    @Test
    void extractedOncePerContentAndReused() throws IOException {
        Path cache = dir.resolve("cache");
        byte[] v1 = "library version 1".getBytes();
        Path first = NativeLibraries.extract(jarEntry("libx.so", v1), "libx.so", cache);
        Path again = NativeLibraries.extract(jarEntry("libx.so", v1), "libx.so", cache);
        assertEquals(first, again, "the same content maps to the same file");
        assertArrayEquals(v1, Files.readAllBytes(first));
        assertTrue(first.startsWith(cache.resolve("native")), first.toString());

        byte[] v2 = "library version 2, longer".getBytes();
        Path other = NativeLibraries.extract(jarEntry("libx.so", v2), "libx.so", cache);
        assertTrue(!other.equals(first), "a new version gets its own folder");
        assertArrayEquals(v2, Files.readAllBytes(other));
        assertArrayEquals(v1, Files.readAllBytes(first), "an older version in use by another process is untouched");
        try (Stream<Path> all = Files.walk(cache)) {
            List<Path> files = all.filter(Files::isRegularFile).toList();
            assertEquals(2, files.size(), "no temporary .part files are left: " + files);
        }
    }
}
