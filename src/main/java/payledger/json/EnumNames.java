package payledger.json;

import java.util.Locale;
import java.util.Optional;

/**
 * How the API reads an enum value of a query parameter: its canonical spelling is the constant's
 * name ({@code IN_APP}, {@code DAY}), and earlier clients' lower-case and hyphenated forms
 * ({@code in_app}, {@code in-app}, {@code day}) are accepted as the same value.
 */
public final class EnumNames {

  private EnumNames() {}

  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
    if (value == null) {
      return Optional.empty();
    }
    String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }
}
