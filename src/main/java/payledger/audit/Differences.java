package payledger.audit;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import payledger.audit.EntityCheck.Difference;

/**
 * Pure: the fields in which a kept record differs from the one the replay gives, by record
 * component. Instants are compared to the millisecond, as Cassandra stores them.
 */
final class Differences {

  private final List<Difference> found = new ArrayList<>();

  /**
   * Compares a row (or state) kept in {@code table} with the expected one; null for "no row". A
   * missing or extra row is one difference, {@link Difference#ROW}.
   *
   * @param ignored components not compared (kept elsewhere, or not derived from the journal)
   */
  Differences row(String table, Object expected, Object kept, Set<String> ignored) {
    if (expected == null || kept == null) {
      if (expected != kept) {
        found.add(new Difference(table, Difference.ROW, expected == null ? "absent" : "present",
            kept == null ? "absent" : "present"));
      }
      return this;
    }
    if (expected.getClass() != kept.getClass() || !expected.getClass().isRecord()) {
      return value(table, "(value)", expected, kept);
    }
    for (RecordComponent c : expected.getClass().getRecordComponents()) {
      if (!ignored.contains(c.getName())) {
        value(table, c.getName(), read(c, expected), read(c, kept));
      }
    }
    return this;
  }

  Differences row(String table, Object expected, Object kept) {
    return row(table, expected, kept, Set.of());
  }

  Differences value(String table, String field, Object expected, Object kept) {
    if (!Objects.equals(normal(expected), normal(kept))) {
      found.add(new Difference(table, field, show(expected), show(kept)));
    }
    return this;
  }

  Differences add(Difference difference) {
    found.add(difference);
    return this;
  }

  List<Difference> list() {
    return List.copyOf(found);
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object normal(Object value) {
    return value instanceof Instant i ? i.truncatedTo(ChronoUnit.MILLIS) : value;
  }

  static String show(Object value) {
    String s = value instanceof Instant i ? i.truncatedTo(ChronoUnit.MILLIS).toString()
        : String.valueOf(value);
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
