/**
 * FFM bindings of libgdk, cudart, cuBLAS and cuDNN. Only the safe layer ({@code org.gddim.bindings}: handles that
 * own their memory and check every return code) is exported; the jextract-shaped {@code org.gddim.bindings.raw}
 * stays inside the module. The engine, the benchmarks and the tests run on the class path (bin/gddim, JMH's
 * benchmarks.jar, surefire with {@code useModulePath=false}), where this descriptor is not read; there the same
 * rule is the ArchUnit test org.gddim.ArchitectureTest#onlyBindingsTouchesRawBindings. An application that puts
 * the jar on the module path gets it enforced by the JVM, and grants native access with
 * {@code --enable-native-access=org.gddim.bindings}.
 */
module org.gddim.bindings {
    exports org.gddim.bindings;
}
