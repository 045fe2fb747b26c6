package dev.quorum.orchestrator.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * An option whose values are an enum's constant names in lower case, as the configuration file writes them
 * ({@code --store chroma} for {@code recall_store: chroma}). One subclass per enum serves as the option's
 * {@code converter} and its {@code completionCandidates}, so the help lists the values with
 * {@code ${COMPLETION-CANDIDATES}} and a wrong value is refused naming them.
 */
public abstract class LowerCaseEnum<E extends Enum<E>> implements ITypeConverter<E>, Iterable<String> {

    private final List<E> constants;

    protected LowerCaseEnum(Class<E> type) {
        this.constants = List.of(type.getEnumConstants());
    }

    @Override
    public E convert(String value) {
        return constants.stream().filter(c -> name(c).equals(value)).findFirst().orElseThrow(() ->
                new TypeConversionException("expected one of " + String.join(", ", this) + ", was '" + value + "'"));
    }

    @Override
    public Iterator<String> iterator() {
        return constants.stream().map(LowerCaseEnum::name).iterator();
    }

    private static String name(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
