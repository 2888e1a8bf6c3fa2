package payledger.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of KPI facts adds up to: named counts, the deadlines of items still open per SLA
 * measure (so a reader tells a missed deadline from a pending one at its own "now"), and a
 * histogram of case resolution times in whole seconds (exact quantiles over any period). Tallies
 * of days add up to the tally of the period. The names are {@link KpiCounter}s' (KpiCatalog).
 */
public final class Tally {

  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, List<Long>> openDue = new TreeMap<>();
  private final Map<Integer, Integer> resolveSeconds = new TreeMap<>();

  public Tally() {}

  /** @param seconds the histogram of resolution times: whole seconds to the number of cases */
  public Tally(Map<String, Long> counts, Map<String, List<Long>> openDue, Map<Integer, Integer> seconds) {
    this.counts.putAll(counts);
    openDue.forEach((k, v) -> this.openDue.put(k, new ArrayList<>(v)));
    this.resolveSeconds.putAll(seconds);
  }

  public void add(String name) {
    add(name, 1);
  }

  public void add(String name, long n) {
    counts.merge(name, n, Long::sum);
  }

  /** An SLA measure: met or late when done, else open until {@code due}; nothing when not measured. */
  public void sla(String name, Instant doneAt, Instant due) {
    if (due == null) {
      return;
    }
    if (doneAt != null) {
      add(name + (doneAt.isAfter(due) ? ".late" : ".met"));
    } else {
      openDue.computeIfAbsent(name, k -> new ArrayList<>()).add(due.toEpochMilli());
    }
  }

  public void resolvedAfterSeconds(int seconds) {
    resolveSeconds.merge(seconds, 1, Integer::sum);
  }

  public Tally plus(Tally other) {
    Tally sum = new Tally(counts, openDue, resolveSeconds);
    other.counts.forEach(sum::add);
    other.openDue.forEach((k, v) -> sum.openDue.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    other.resolveSeconds.forEach((k, v) -> sum.resolveSeconds.merge(k, v, Integer::sum));
    return sum;
  }

  /** Nothing counted at all: no item started in the tallied period. */
  public boolean isEmpty() {
    return counts.isEmpty() && openDue.isEmpty() && resolveSeconds.isEmpty();
  }

  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }

  /** Counts whose name starts with {@code prefix}, by the rest of the name. */
  public Map<String, Long> countsUnder(String prefix) {
    Map<String, Long> found = new TreeMap<>();
    counts.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        found.put(k.substring(prefix.length()), v);
      }
    });
    return found;
  }

  /** Open items of an SLA measure whose deadline passed by {@code asOf} (missed), and the rest. */
  public long openOverdue(String name, Instant asOf) {
    return openDue.getOrDefault(name, List.of()).stream().filter(d -> d <= asOf.toEpochMilli()).count();
  }

  public long openPending(String name, Instant asOf) {
    return openDue.getOrDefault(name, List.of()).stream().filter(d -> d > asOf.toEpochMilli()).count();
  }

  public Map<String, Long> counts() {
    return counts;
  }

  public Map<String, List<Long>> openDue() {
    return openDue;
  }

  public Map<Integer, Integer> resolveSeconds() {
    return resolveSeconds;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tally t && counts.equals(t.counts) && openDue.equals(t.openDue)
        && resolveSeconds.equals(t.resolveSeconds);
  }

  @Override
  public int hashCode() {
    return counts.hashCode();
  }

  @Override
  public String toString() {
    return "Tally" + counts + openDue + resolveSeconds;
  }
}
