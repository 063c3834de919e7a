package org.gddim;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.LinkedHashSet;
import java.util.Set;
import org.gddim.backend.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer rules (style-anchors.md 2 and 3, docs/ARCHITECTURE.md), checked by ArchUnit on the engine's compiled
 * main classes (tests may name anything). Each rule was seen to fail on a deliberately bad import before it was
 * committed. Adding a backend must not touch a solver; a solver must read like its paper, free of FFM and devices.
 */
class ArchitectureTest {
    private static JavaClasses engine;

    /** The classes that implement {@link Backend}: only {@code backend/} may name them. */
    private static final DescribedPredicate<JavaClass> CONCRETE_BACKENDS = describe("concrete backends",
            c -> c.isAssignableTo(Backend.class) && !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT));

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("org.gddim");
        assertTrue(engine.size() > 100, "imported " + engine.size() + " classes; wrong class path?");
    }

    @Test
    void solversImportNoBackendImplementationFfmBindingsOrCli() {
        noClasses().that().resideInAPackage("org.gddim.solver..").should().dependOnClassesThat(CONCRETE_BACKENDS
                .or(resideInAnyPackage("java.lang.foreign..", "org.gddim.bindings..", "org.gddim.cli..", "org.gddim.job..")))
                .because("solvers see only the Backend and Buffer abstractions (style-anchors.md 2.5, 3.7)")
                .check(engine);
    }

    @Test
    void processesImportNothingOfTheEngine() {
        classes().that().resideInAPackage("org.gddim.process..").should().onlyDependOnClassesThat(resideInAnyPackage(
                "org.gddim.process..", "org.gddim.structure..", "java..", "org.hipparchus.."))
                .because("a process is maths: its structure algebra and the JDK (and Hipparchus' ODE integrator)")
                .check(engine);
    }

    @Test
    void structureDependsOnNothingOfTheEngine() {
        classes().that().resideInAPackage("org.gddim.structure..").should().onlyDependOnClassesThat(
                resideInAnyPackage("org.gddim.structure..", "java..")).check(engine);
    }

    @Test
    void onlyBackendNamesConcreteBackends() {
        noClasses().that().resideOutsideOfPackage("org.gddim.backend..").should().dependOnClassesThat(CONCRETE_BACKENDS)
                .because("backends are opened by kind (Backends.open) and offer device capabilities (Backend.cudaDevice, "
                        + "graphCapture); adding one touches backend/ only")
                .check(engine);
    }

    @Test
    void ffmTypesStayInBackendModelExecutorAndIo() {
        noClasses().that().resideInAnyPackage("org.gddim.api..", "org.gddim.solver..", "org.gddim.process..", "org.gddim.schedule..",
                "org.gddim.quality..", "org.gddim.job..", "org.gddim.cli..", "org.gddim.rng..", "org.gddim.reference..",
                "org.gddim.structure..").should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
                .check(engine);
    }

    @Test
    void apiSignaturesNameNoFfmOrCliType() {
        codeUnits().that().areDeclaredInClassesThat().resideInAPackage("org.gddim.api..").and().arePublic()
                .should(nameNoTypeIn(resideInAnyPackage("java.lang.foreign..", "picocli..", "org.gddim.cli..")))
                .because("an embedding program sees the spec records and plain Java types, never FFM or the CLI (docs/api.md)")
                .check(engine);
    }

    /** Return, parameter (with their type arguments) and thrown types of a method or constructor, none {@code bad}. */
    private static ArchCondition<JavaCodeUnit> nameNoTypeIn(DescribedPredicate<JavaClass> bad) {
        return new ArchCondition<>("name no type that " + bad.getDescription() + " in their signature") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                Set<JavaClass> named = new LinkedHashSet<>(unit.getReturnType().getAllInvolvedRawTypes());
                unit.getParameterTypes().forEach(t -> named.addAll(t.getAllInvolvedRawTypes()));
                named.addAll(unit.getThrowsClause().getTypes());
                named.stream().filter(bad).forEach(c -> events.add(SimpleConditionEvent.violated(unit,
                        unit.getFullName() + " names " + c.getName() + " in its signature")));
            }
        };
    }

    @Test
    void onlyBindingsTouchesRawBindings() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.gddim.bindings.raw..").check(engine);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.gddim.(*)..").should().beFreeOfCycles().check(engine);
    }
}
