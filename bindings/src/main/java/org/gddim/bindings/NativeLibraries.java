package org.gddim.bindings;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that finds and loads the project's native libraries. For each library it tries, in
 * order: an explicit path (system property, then environment variable), then the copy bundled in this
 * jar under {@code org/gddim/native/<os>-<arch>/}. A failure is never thrown from a static
 * initialiser: {@link #load} returns {@link Missing} with the list of what was tried, and callers decide.
 * A library loads at most once per process (into the global arena; it is never unloaded).
 */
public final class NativeLibraries {
    private NativeLibraries() {}

    /** The native libraries built by kernels-cu. */
    public enum Library {
        /** CPU kernels, kernels-cu/include/gdk.h. */
        GDK("libgdk.so", "gddim.libgdk", "GDDIM_LIBGDK"),
        /** CUDA kernels, kernels-cu/include/gdk_cuda.h (needs libcudart.so.13 and a driver). */
        GDK_CUDA("libgdk_cuda.so", "gddim.libgdk_cuda", "GDDIM_LIBGDK_CUDA");

        final String fileName;
        final String property;
        final String envVar;

        Library(String fileName, String property, String envVar) {
            this.fileName = fileName;
            this.property = property;
            this.envVar = envVar;
        }

        public String fileName() {
            return fileName;
        }
    }

    /** Result of loading one library. */
    public sealed interface Loaded permits Found, Missing {}

    /** The library loaded from {@code path}. */
    public record Found(Path path, SymbolLookup lookup) implements Loaded {}

    /** The library could not be loaded; {@code reason} says what was tried and what failed. */
    public record Missing(String reason) implements Loaded {}

    private static final Map<Library, Loaded> LOADED = new ConcurrentHashMap<>();

    /** Loads {@code library} once per process and returns the outcome (never throws). */
    public static Loaded load(Library library) {
        return LOADED.computeIfAbsent(library, NativeLibraries::attempt);
    }

    /** The symbols of {@code library}, or a {@link LibraryUnavailableException} saying why not. */
    public static SymbolLookup lookup(Library library) {
        return switch (load(library)) {
            case Found found -> found.lookup();
            case Missing missing -> throw new LibraryUnavailableException(library.fileName, missing.reason());
        };
    }

    /** {@code linux-x86_64} style platform folder name of this JVM. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux") ? "linux" : System.getProperty("os.name");
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
        return os + "-" + arch;
    }

    static Loaded attempt(Library library) {
        List<String> tried = new ArrayList<>();
        String explicit = System.getProperty(library.property);
        String source = "-D" + library.property;
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getenv(library.envVar);
            source = "$" + library.envVar;
        }
        if (explicit != null && !explicit.isBlank()) {
            return open(Path.of(explicit), source, tried);
        }
        tried.add("-D" + library.property + " and $" + library.envVar + " are not set");
        String resource = "org/gddim/native/" + platform() + "/" + library.fileName;
        URL url = NativeLibraries.class.getClassLoader().getResource(resource);
        if (url == null) {
            tried.add("this build bundles no " + resource + " (not built for this platform, or built without it)");
            return new Missing(String.join("; ", tried));
        }
        try {
            Path path = "file".equals(url.getProtocol()) ? Path.of(url.toURI()) : extract(url, library.fileName);
            return open(path, "bundled " + resource, tried);
        } catch (IOException | URISyntaxException e) {
            tried.add("could not extract bundled " + resource + ": " + e.getMessage());
            return new Missing(String.join("; ", tried));
        }
    }

    private static Loaded open(Path path, String source, List<String> tried) {
        if (!Files.isRegularFile(path)) {
            tried.add(source + " = " + path + ": no such file");
            return new Missing(String.join("; ", tried));
        }
        try {
            return new Found(path, SymbolLookup.libraryLookup(path, Arena.global()));
        } catch (IllegalArgumentException | IllegalCallerException e) {
            tried.add(source + " = " + path + ": dlopen failed (" + e.getMessage()
                    + "; a missing dependency such as libcudart.so.13 also shows up here; try `ldd " + path + "`)");
            return new Missing(String.join("; ", tried));
        }
    }

    private static Path extract(URL url, String fileName) throws IOException {
        Path dir = Files.createTempDirectory("gddim-native-");
        Path target = dir.resolve(fileName);
        try (InputStream in = url.openStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return target;
    }
}
