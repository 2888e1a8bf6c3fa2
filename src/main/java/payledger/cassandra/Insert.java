package payledger.cassandra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An INSERT of the columns that have a value. Binding a null writes a tombstone, and reads of the
 * row then step over it; leaving the column out writes nothing, which for a column that is only
 * ever set (never cleared) is the same row.
 */
public record Insert(String cql, Object[] values) {

  /** @param columns in the order to write them; null values are left out */
  public static Insert of(String keyspace, String table, Map<String, Object> columns) {
    List<String> names = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    columns.forEach((name, value) -> {
      if (value != null) {
        names.add(name);
        values.add(value);
      }
    });
    return new Insert("INSERT INTO " + keyspace + "." + table + " (" + String.join(", ", names)
        + ") VALUES (" + String.join(", ", Collections.nCopies(names.size(), "?")) + ")",
        values.toArray());
  }
}
