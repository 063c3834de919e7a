package org.gddim.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gddim.bindings.raw.gdk_cuda_h;
import org.gddim.bindings.raw.gdk_h;
import org.gddim.bindings.raw.gdk_nn_h;
import org.junit.jupiter.api.Test;

/**
 * Drift test: every function declared in the C headers has a raw binding with the same arity, every
 * integer macro has a method returning the same value, and (where the library loads) every declared
 * symbol resolves. A header change without a binding change fails the build here, not at run time.
 */
class BindingsMatchHeaderTest {
    private static final Pattern FUNCTION = Pattern.compile("GDK_API\\s+[\\w\\s*]+?\\b(gdk_\\w+)\\s*\\(([^)]*)\\)\\s*;");
    private static final Pattern INT_MACRO = Pattern.compile("(?m)^#define\\s+(GDK_\\w+)\\s+(-?\\d+)\\b");

    static Path header(String name) {
        String dir = System.getProperty("gddim.headers.dir", "../kernels-cu/include");
        return Path.of(dir, name);
    }

    /** name -> number of parameters, for every GDK_API function of a header (comments stripped). */
    static Map<String, Integer> functions(Path header) throws IOException {
        String text = Files.readString(header).replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher m = FUNCTION.matcher(text);
        while (m.find()) {
            String params = m.group(2).trim();
            out.put(m.group(1), params.equals("void") || params.isEmpty() ? 0 : params.split(",").length);
        }
        return out;
    }

    static Map<String, Integer> intMacros(Path header) throws IOException {
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher m = INT_MACRO.matcher(Files.readString(header));
        while (m.find()) {
            out.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return out;
    }

    static List<String> mismatches(Map<String, Integer> declared, Class<?> raw) {
        List<String> problems = new ArrayList<>();
        declared.forEach((name, arity) -> {
            Method found = null;
            for (Method method : raw.getDeclaredMethods()) {
                if (method.getName().equals(name) && Modifier.isPublic(method.getModifiers())) {
                    found = method;
                }
            }
            if (found == null) {
                problems.add(name + " is declared in the header but has no binding in " + raw.getSimpleName());
            } else if (found.getParameterCount() != arity) {
                problems.add(name + " takes " + arity + " arguments in the header but " + found.getParameterCount()
                        + " in " + raw.getSimpleName());
            }
        });
        return problems;
    }

    @Test
    void everyGdkFunctionHasABindingWithTheSameArity() throws IOException {
        Map<String, Integer> declared = functions(header("gdk.h"));
        assertTrue(declared.containsKey("gdk_ei_step_f32") && declared.get("gdk_ei_step_f32") == 9,
                "parser sanity: gdk_ei_step_f32 with 9 parameters, got " + declared);
        assertEquals(List.of(), mismatches(declared, gdk_h.class));
    }

    @Test
    void everyGdkCudaFunctionHasABindingWithTheSameArity() throws IOException {
        Map<String, Integer> declared = functions(header("gdk_cuda.h"));
        assertFalse(declared.isEmpty(), "parser found no functions in gdk_cuda.h");
        assertEquals(List.of(), mismatches(declared, gdk_cuda_h.class));
    }

    @Test
    void everyGdkNnFunctionHasABindingWithTheSameArity() throws IOException {
        Map<String, Integer> declared = functions(header("gdk_nn.h"));
        assertTrue(declared.size() >= 8 && declared.get("gdk_nn_binary_f32") == 9,
                "parser sanity: gdk_nn_binary_f32 with 9 parameters, got " + declared);
        assertEquals(List.of(), mismatches(declared, gdk_nn_h.class));
    }

    @Test
    void everyIntegerMacroHasTheSameValue() throws Exception {
        Map<String, Integer> macros = intMacros(header("gdk.h"));
        assertTrue(macros.size() >= 8, "parser sanity: found " + macros);
        assertEquals(List.of(), macroMismatches(macros, gdk_h.class));
    }

    @Test
    void everyGdkNnMacroHasTheSameValue() throws Exception {
        Map<String, Integer> macros = intMacros(header("gdk_nn.h"));
        assertTrue(macros.size() >= 20 && macros.get("GDK_NN_SILU") == 2, "parser sanity: found " + macros);
        assertEquals(List.of(), macroMismatches(macros, gdk_nn_h.class));
    }

    static List<String> macroMismatches(Map<String, Integer> macros, Class<?> raw) throws ReflectiveOperationException {
        List<String> problems = new ArrayList<>();
        for (var e : macros.entrySet()) {
            try {
                int bound = (int) raw.getMethod(e.getKey()).invoke(null);
                if (bound != e.getValue()) {
                    problems.add(e.getKey() + " = " + e.getValue() + " in the header but " + bound + " in " + raw.getSimpleName());
                }
            } catch (NoSuchMethodException missing) {
                problems.add(e.getKey() + " has no method in " + raw.getSimpleName());
            }
        }
        return problems;
    }

    @Test
    void everyDeclaredSymbolResolvesInTheBuiltLibrary() throws IOException {
        NativeLibraries.Loaded loaded = NativeLibraries.load(NativeLibraries.Library.GDK);
        assumeTrue(loaded instanceof NativeLibraries.Found, () -> "libgdk not loadable: " + loaded);
        var lookup = ((NativeLibraries.Found) loaded).lookup();
        for (String name : functions(header("gdk.h")).keySet()) {
            assertTrue(lookup.find(name).isPresent(), name + " is declared but not exported by libgdk.so");
        }
    }
}
