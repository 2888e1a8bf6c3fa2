package payledger.load;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How many local reads and writes Cassandra served per table of the service's keyspace, from its
 * own counters ({@code system_views.local_read_latency} / {@code local_write_latency}). Taken
 * before and after a phase, the difference is the phase's work on Cassandra: journal, tag views,
 * recoveries, projections, read models, notifications — what one payment event costs downstream.
 */
record CassandraWork(Map<String, Long> reads, Map<String, Long> writes) {

  static final String KEYSPACE = "payledger_bench";

  static CassandraWork of(CqlSession session) {
    return new CassandraWork(counts(session, "local_read_latency"), counts(session, "local_write_latency"));
  }

  private static Map<String, Long> counts(CqlSession session, String view) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : session.execute("SELECT table_name, count FROM system_views." + view
        + " WHERE keyspace_name = ? ALLOW FILTERING", KEYSPACE)) { // a virtual table: no scan to fear
      counts.put(row.getString("table_name"), row.getLong("count"));
    }
    return counts;
  }

  CassandraWork since(CassandraWork before) {
    return new CassandraWork(minus(reads, before.reads), minus(writes, before.writes));
  }

  long totalReads() {
    return reads.values().stream().mapToLong(Long::longValue).sum();
  }

  long totalWrites() {
    return writes.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The tables with the most requests, e.g. "messages 2.0w 1.1r, tag_views 0.4w", per {@code unit}. */
  String top(double unit, int n) {
    Map<String, Long> both = new TreeMap<>();
    reads.forEach((t, c) -> both.merge(t, c, Long::sum));
    writes.forEach((t, c) -> both.merge(t, c, Long::sum));
    return both.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .map(e -> String.format(java.util.Locale.ROOT, "%s %.1fw %.1fr", e.getKey(),
            writes.getOrDefault(e.getKey(), 0L) / unit, reads.getOrDefault(e.getKey(), 0L) / unit))
        .collect(Collectors.joining(", "));
  }

  private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach((t, c) -> delta.put(t, c - before.getOrDefault(t, 0L)));
    return delta;
  }
}
