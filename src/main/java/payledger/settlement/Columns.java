package payledger.settlement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's header: where each named column is. Layouts find columns by name, so a report whose
 * columns were chosen or reordered (Stripe and Adyen both allow it) still reads, as long as the
 * columns a layout needs are there.
 */
final class Columns {

  private final Map<String, Integer> index = new HashMap<>();
  private final int width;

  Columns(List<String> header) {
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(header.get(i).trim(), i);
    }
    width = header.size();
  }

  boolean hasAll(List<String> names) {
    return index.keySet().containsAll(names);
  }

  boolean has(String name) {
    return index.containsKey(name);
  }

  int width() {
    return width;
  }

  /** One record read by name; a missing optional column reads as blank. */
  Row row(List<String> fields, long line) {
    if (fields.size() != width) {
      throw new MalformedSettlement(line, "has " + fields.size() + " fields, the header " + width);
    }
    return new Row(fields, line);
  }

  /** A record of this header. */
  final class Row {
    private final List<String> fields;
    private final long line;

    private Row(List<String> fields, long line) {
      this.fields = fields;
      this.line = line;
    }

    long line() {
      return line;
    }

    /** The trimmed field, blank when the column is absent. */
    String get(String name) {
      Integer i = index.get(name);
      return i == null ? "" : fields.get(i).trim();
    }

    /** The trimmed field, which must not be blank. */
    String required(String name) {
      String value = get(name);
      if (value.isEmpty()) {
        throw new MalformedSettlement(line, "\"" + name + "\" is empty");
      }
      return value;
    }

    /** The field or null when blank. */
    String optional(String name) {
      String value = get(name);
      return value.isEmpty() ? null : value;
    }
  }
}
