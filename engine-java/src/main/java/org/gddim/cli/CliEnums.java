package org.gddim.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.gddim.backend.BackendKind;
import org.gddim.process.ProcessKind;
import org.gddim.quality.PaperStudy;
import org.gddim.schedule.GridKind;
import org.gddim.solver.Corrector;
import org.gddim.solver.EpsFrame;
import org.gddim.solver.SolverKind;
import picocli.CommandLine;

/** Converters and completion candidates that use each enum's command-line name (its toString). */
final class CliEnums {
    private CliEnums() {}

    /** Converts a command-line name to its constant and lists the names (picocli needs one class per type). */
    abstract static class Names<E extends Enum<E>> implements CommandLine.ITypeConverter<E>, Iterable<String> {
        private final Class<E> type;

        Names(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            for (E e : type.getEnumConstants()) {
                if (e.toString().equals(value)) {
                    return e;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + String.join(", ", this));
        }

        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.toString());
            }
            return names.iterator();
        }
    }

    static final class Processes extends Names<ProcessKind> {
        Processes() {
            super(ProcessKind.class);
        }
    }

    static final class Solvers extends Names<SolverKind> {
        Solvers() {
            super(SolverKind.class);
        }
    }

    static final class Correctors extends Names<Corrector> {
        Correctors() {
            super(Corrector.class);
        }
    }

    static final class Frames extends Names<EpsFrame> {
        Frames() {
            super(EpsFrame.class);
        }
    }

    static final class Studies extends Names<PaperStudy> {
        Studies() {
            super(PaperStudy.class);
        }
    }

    static final class Grids extends Names<GridKind> {
        Grids() {
            super(GridKind.class);
        }
    }

    static final class Backends extends Names<BackendKind> {
        Backends() {
            super(BackendKind.class);
        }
    }
}
