package payledger.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One write of an outbox row ({@code notifications}) as an UPDATE that adds to its collections
 * ({@code channels = channels + ?}, {@code fields = fields + ?}, {@code failures = failures + ?})
 * instead of setting them. An INSERT or a {@code SET c = ?} of a non-frozen collection first
 * deletes the whole collection: a collection tombstone with every outbox row, which every read of
 * the row and every compaction then carries. Adding to a collection deletes nothing, and a row of
 * the previous version (the same columns) reads and updates as before, so no migration is needed.
 *
 * <p>Null values and empty collections are left out (binding a null writes a tombstone too); a
 * column of the outbox is only ever set, never cleared. A list append is not idempotent (a repeated
 * write appends again), so readers take each list's distinct entries ({@link #distinct}): a
 * notification's channels are distinct by construction, and each failure names its channel and
 * its attempt on it.
 */
record OutboxWrite(String cql, Object[] values) {

  /** @param columns in the order to write them; a {@link Collection} or {@link Map} is added to */
  static OutboxWrite of(String keyspace, String id, Map<String, Object> columns) {
    List<String> sets = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    columns.forEach((name, value) -> {
      if (value == null || value instanceof Collection<?> c && c.isEmpty()
          || value instanceof Map<?, ?> m && m.isEmpty()) {
        return;
      }
      sets.add(value instanceof Collection<?> || value instanceof Map<?, ?>
          ? name + " = " + name + " + ?" : name + " = ?");
      values.add(value);
    });
    values.add(id);
    return new OutboxWrite("UPDATE " + keyspace + ".notifications SET " + String.join(", ", sets)
        + " WHERE notification_id = ?", values.toArray());
  }

  /** A list as written by appends: each entry once, in the order first written. */
  static <T> List<T> distinct(List<T> appended) {
    return appended == null ? List.of() : appended.stream().distinct().toList();
  }

  /** The columns of a state, in their order. */
  static Map<String, Object> state(DeliveryState s) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("status", s.status().name());
    row.put("channel_index", s.channelIndex());
    row.put("channel_attempts", s.channelAttempts());
    row.put("attempts", s.attempts());
    row.put("failures", s.failures());
    row.put("delivered_channel", s.deliveredChannel());
    row.put("delivered_at", s.deliveredAt());
    row.put("reported", s.reported());
    return row;
  }
}
