package payledger.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One write of an outbox row ({@code notifications}) that adds to its collections
 * ({@code channels = channels + ?}, {@code fields = fields + ?}, {@code failures = failures + ?})
 * instead of setting them. An INSERT or a {@code SET c = ?} of a non-frozen collection first
 * deletes the whole collection: a collection tombstone with every outbox row, which every read of
 * the row and every compaction then carries. Adding to a collection deletes nothing, and a row of
 * the previous version (the same columns) reads and updates as before, so no migration is needed.
 *
 * <p>A new row ({@link #insert}) is an INSERT of its other columns and an UPDATE adding its
 * collections, in one unlogged batch of its one partition: one mutation, with the INSERT's row
 * marker, so every cell shares the row's timestamp (an UPDATE alone stores one per cell: 2.3 times
 * the bytes on disk). A state ({@link #update}) is an UPDATE. Null values and empty collections are
 * left out (binding a null writes a tombstone too); a column of the outbox is only ever set, never
 * cleared. A list append is not idempotent (a repeated write appends again), so readers take each
 * list's distinct entries ({@link #distinct}): a notification's channels are distinct by
 * construction, and each failure names its channel and its attempt on it.
 */
record OutboxWrite(String cql, Object[] values) {

  private static final String TABLE = ".notifications";

  /** A new row: {@code columns} in the order to write them, collections added to. */
  static OutboxWrite insert(String keyspace, String id, Map<String, Object> columns) {
    List<String> names = new ArrayList<>(List.of("notification_id"));
    List<Object> values = new ArrayList<>(List.of(id));
    Map<String, Object> collections = new LinkedHashMap<>();
    written(columns).forEach((name, value) -> {
      if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
        collections.put(name, value);
      } else {
        names.add(name);
        values.add(value);
      }
    });
    String insert = "INSERT INTO " + keyspace + TABLE + " (" + String.join(", ", names)
        + ") VALUES (" + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
    if (collections.isEmpty()) {
      return new OutboxWrite(insert, values.toArray());
    }
    OutboxWrite added = update(keyspace, id, collections);
    values.addAll(List.of(added.values()));
    return new OutboxWrite("BEGIN UNLOGGED BATCH " + insert + "; " + added.cql() + "; APPLY BATCH",
        values.toArray());
  }

  /** Columns of an existing row, in the order to write them, collections added to. */
  static OutboxWrite update(String keyspace, String id, Map<String, Object> columns) {
    List<String> sets = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    written(columns).forEach((name, value) -> {
      sets.add(value instanceof Collection<?> || value instanceof Map<?, ?>
          ? name + " = " + name + " + ?" : name + " = ?");
      values.add(value);
    });
    values.add(id);
    return new OutboxWrite("UPDATE " + keyspace + TABLE + " SET " + String.join(", ", sets)
        + " WHERE notification_id = ?", values.toArray());
  }

  /** The columns that write something: no nulls, no empty collections. */
  private static Map<String, Object> written(Map<String, Object> columns) {
    Map<String, Object> written = new LinkedHashMap<>();
    columns.forEach((name, value) -> {
      boolean empty = value == null || value instanceof Collection<?> c && c.isEmpty()
          || value instanceof Map<?, ?> m && m.isEmpty();
      if (!empty) {
        written.put(name, value);
      }
    });
    return written;
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
