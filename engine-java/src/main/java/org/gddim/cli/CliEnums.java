package org.gddim.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.gddim.backend.BackendKind;
import org.gddim.process.ProcessKind;
import org.gddim.schedule.GridKind;
import org.gddim.solver.Corrector;
import org.gddim.solver.SolverKind;
import picocli.CommandLine;

/** Converters and completion candidates that use each enum's command-line name (its toString). */
final class CliEnums {
    private CliEnums() {}

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.toString().equals(value)) {
                return e;
            }
            names.add(e.toString());
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + String.join(", ", names));
    }

    static <E extends Enum<E>> Iterator<String> names(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.toString());
        }
        return names.iterator();
    }

    static final class Processes implements CommandLine.ITypeConverter<ProcessKind>, Iterable<String> {
        @Override
        public ProcessKind convert(String value) {
            return parse(ProcessKind.class, value);
        }

        @Override
        public Iterator<String> iterator() {
            return names(ProcessKind.class);
        }
    }

    static final class Solvers implements CommandLine.ITypeConverter<SolverKind>, Iterable<String> {
        @Override
        public SolverKind convert(String value) {
            return parse(SolverKind.class, value);
        }

        @Override
        public Iterator<String> iterator() {
            return names(SolverKind.class);
        }
    }

    static final class Correctors implements CommandLine.ITypeConverter<Corrector>, Iterable<String> {
        @Override
        public Corrector convert(String value) {
            return parse(Corrector.class, value);
        }

        @Override
        public Iterator<String> iterator() {
            return names(Corrector.class);
        }
    }

    static final class Grids implements CommandLine.ITypeConverter<GridKind>, Iterable<String> {
        @Override
        public GridKind convert(String value) {
            return parse(GridKind.class, value);
        }

        @Override
        public Iterator<String> iterator() {
            return names(GridKind.class);
        }
    }

    static final class Backends implements CommandLine.ITypeConverter<BackendKind>, Iterable<String> {
        @Override
        public BackendKind convert(String value) {
            return parse(BackendKind.class, value);
        }

        @Override
        public Iterator<String> iterator() {
            return names(BackendKind.class);
        }
    }
}
