package payledger.fraud;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import payledger.cassandra.Insert;

/**
 * A write of a row's known values that writes no tombstone: an INSERT of its key and non-null
 * values (the row marker) and, when it has non-empty collections, an UPDATE adding their entries
 * ({@code c = c + ?}) in one unlogged batch of its one partition (one mutation). A bound null and
 * an INSERT of a non-frozen collection are each a tombstone; a column left out is left as stored.
 * So it is the row the whole-row INSERT wrote wherever the stored row holds no value the new one
 * lacks: a set value is never cleared by it, a collection never loses entries.
 */
record Upsert(String cql, Object[] values) {

  /**
   * @param key the primary key's columns, in order
   * @param columns the other columns, in the order to write them; nulls and empty collections
   *     are left out
   */
  static Upsert of(String keyspace, String table, Map<String, Object> key,
      Map<String, Object> columns) {
    Map<String, Object> values = new LinkedHashMap<>(key);
    List<String> adds = new ArrayList<>();
    List<Object> added = new ArrayList<>();
    columns.forEach((name, value) -> {
      if (isCollection(value)) {
        if (!isEmpty(value)) {
          adds.add(name + " = " + name + " + ?");
          added.add(value);
        }
      } else {
        values.put(name, value);
      }
    });
    Insert insert = Insert.of(keyspace, table, values);
    if (adds.isEmpty()) {
      return new Upsert(insert.cql(), insert.values());
    }
    List<Object> all = new ArrayList<>(List.of(insert.values()));
    all.addAll(added);
    all.addAll(key.values());
    return new Upsert("BEGIN UNLOGGED BATCH " + insert.cql() + "; " + update(keyspace, table,
        adds, key.keySet()) + "; APPLY BATCH", all.toArray());
  }

  /** {@code UPDATE ks.table SET sets WHERE k1 = ? AND …}, the key's values bound last. */
  static String update(String keyspace, String table, List<String> sets, Collection<String> key) {
    return "UPDATE " + keyspace + "." + table + " SET " + String.join(", ", sets) + " WHERE "
        + String.join(" AND ", key.stream().map(k -> k + " = ?").toList());
  }

  static boolean isCollection(Object value) {
    return value instanceof Collection<?> || value instanceof Map<?, ?>;
  }

  private static boolean isEmpty(Object value) {
    return value instanceof Collection<?> c ? c.isEmpty() : ((Map<?, ?>) value).isEmpty();
  }
}
