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

    /** The native libraries the engine loads: its own (bundled in this jar) and CUDA's (system: runtime, cuDNN, cuBLAS). */
    public enum Library {
        /** CPU kernels, kernels-cu/include/gdk.h. */
        GDK("libgdk.so", "gddim.libgdk", "GDDIM_LIBGDK", true),
        /** The CUDA runtime, by versioned soname (dlopen has no fallback from libcudart.so to it). */
        CUDART("libcudart.so.13", "gddim.libcudart", "GDDIM_LIBCUDART", false),
        /** CUDA kernels, kernels-cu/include/gdk_cuda.h (links libcudart.so.13, loaded first). */
        GDK_CUDA("libgdk_cuda.so", "gddim.libgdk_cuda", "GDDIM_LIBGDK_CUDA", true),
        /** cuDNN 9 (the GPU ONNX executor's convolutions), by soname; set $GDDIM_LIBCUDNN to a path otherwise. */
        CUDNN("libcudnn.so.9", "gddim.libcudnn", "GDDIM_LIBCUDNN", false),
        /** cuBLAS 13 (the GPU ONNX executor's Gemm/MatMul), by soname; set $GDDIM_LIBCUBLAS to a path otherwise. */
        CUBLAS("libcublas.so.13", "gddim.libcublas", "GDDIM_LIBCUBLAS", false);

        final String fileName;
        final String property;
        final String envVar;
        final boolean bundled;

        Library(String fileName, String property, String envVar, boolean bundled) {
            this.fileName = fileName;
            this.property = property;
            this.envVar = envVar;
            this.bundled = bundled;
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
        if (library == Library.GDK_CUDA && load(Library.CUDART) instanceof Missing runtime) { // dependency first
            return LOADED.computeIfAbsent(library,
                    l -> new Missing("it needs the CUDA runtime, which is unavailable: " + runtime.reason()));
        }
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

    /** Toolkit folders searched for system libraries after the dynamic linker's own search. */
    private static final List<String> SYSTEM_DIRS = List.of("/usr/local/cuda/lib64", "/usr/local/cuda-13.0/lib64",
            "/usr/local/cuda/targets/x86_64-linux/lib", "/usr/lib/x86_64-linux-gnu");

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
        if (!library.bundled) {
            return system(library, tried);
        }
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

    /** A system library: the dynamic linker's search by soname, then the toolkit folders. */
    private static Loaded system(Library library, List<String> tried) {
        try {
            return new Found(Path.of(library.fileName), SymbolLookup.libraryLookup(library.fileName, Arena.global()));
        } catch (IllegalArgumentException | IllegalCallerException e) {
            tried.add("the dynamic linker finds no " + library.fileName + " (ldconfig cache, LD_LIBRARY_PATH)");
        }
        for (String dir : SYSTEM_DIRS) {
            Path candidate = Path.of(dir, library.fileName);
            if (Files.isRegularFile(candidate)) {
                return open(candidate, "toolkit folder", tried);
            }
        }
        tried.add("not in " + String.join(", ", SYSTEM_DIRS));
        return new Missing(String.join("; ", tried));
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

    /**
     * The bundled library as a file dlopen can map: extracted once per content into the cache folder
     * ({@code $GDDIM_CACHE_DIR}, else {@code $XDG_CACHE_HOME/gddim}, else {@code ~/.cache/gddim}) under
     * {@code native/<sha-256 prefix>/}, written to a temporary name and renamed, so concurrent processes share one
     * copy and nothing accumulates in the system temp folder. Where the cache is not writable, a temporary folder
     * that is deleted when the JVM exits.
     */
    private static Path extract(URL url, String fileName) throws IOException {
        return extract(url, fileName, cacheRoot());
    }

    /** {@link #extract(URL, String)} into the cache folder {@code cache}. */
    static Path extract(URL url, String fileName, Path cache) throws IOException {
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        }
        try {
            Path dir = cache.resolve("native").resolve(sha256Prefix(bytes));
            Path target = dir.resolve(fileName);
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
                return target;
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, fileName, ".part");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException | SecurityException e) {
            Path dir = Files.createTempDirectory("gddim-native-");
            dir.toFile().deleteOnExit(); // registered first: deleteOnExit runs in reverse order, the file goes first
            Path target = dir.resolve(fileName);
            target.toFile().deleteOnExit();
            Files.write(target, bytes);
            return target;
        }
    }

    /** The engine's per-user cache folder. */
    static Path cacheRoot() {
        String explicit = System.getenv("GDDIM_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "gddim");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "gddim");
    }

    private static String sha256Prefix(byte[] bytes) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is in every JDK", e);
        }
    }
}
