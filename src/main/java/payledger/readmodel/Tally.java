package payledger.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of KPI facts adds up to: named counts, the deadlines of items still open per SLA
 * measure (so a reader tells a missed deadline from a pending one at its own "now"), and named
 * histograms of times from start to done (case resolution, discrepancy resolution).
 *
 * <p>A histogram maps whole seconds to the number of items done after that many seconds. It is
 * mergeable: the histogram of a period is the key-wise sum of its days' (and hours'), so the
 * report's nearest-rank median and p95 over any period are exact to the second, never an average
 * of daily quantiles. It holds at most one entry per item done, and in practice far fewer (items
 * done within the same second share one). Tallies of days add up to the tally of the period. The
 * names are {@link KpiCounter}s' (KpiCatalog).
 */
public final class Tally {

  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, List<Long>> openDue = new TreeMap<>();
  private final Map<String, Map<Integer, Integer>> histograms = new TreeMap<>();

  public Tally() {}

  /** @param histograms by name: whole seconds to the number of items done after that long */
  public Tally(Map<String, Long> counts, Map<String, List<Long>> openDue,
      Map<String, Map<Integer, Integer>> histograms) {
    this.counts.putAll(counts);
    openDue.forEach((k, v) -> this.openDue.put(k, new ArrayList<>(v)));
    histograms.forEach((k, v) -> {
      if (!v.isEmpty()) {
        this.histograms.put(k, new TreeMap<>(v));
      }
    });
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

  /** One item done after {@code seconds}, in the histogram {@code name}. */
  public void doneAfter(String name, int seconds) {
    histograms.computeIfAbsent(name, k -> new TreeMap<>()).merge(seconds, 1, Integer::sum);
  }

  public Tally plus(Tally other) {
    Tally sum = new Tally(counts, openDue, histograms);
    other.counts.forEach(sum::add);
    other.openDue.forEach((k, v) -> sum.openDue.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    other.histograms.forEach((name, h) -> h.forEach((seconds, n) ->
        sum.histograms.computeIfAbsent(name, x -> new TreeMap<>()).merge(seconds, n, Integer::sum)));
    return sum;
  }

  /**
   * This tally less {@code other}: what is left when items this tally counted are taken out (a
   * count, an open deadline or a histogram entry that falls to zero disappears). With {@link #plus}
   * it applies the change of items' facts to a kept tally ({@link KpiSummary#delta}): only what was
   * added is ever taken out.
   */
  public Tally minus(Tally other) {
    Tally rest = new Tally(counts, openDue, histograms);
    other.counts.forEach((name, n) -> {
      if (rest.counts.merge(name, -n, Long::sum) == 0L) {
        rest.counts.remove(name);
      }
    });
    other.openDue.forEach((name, dues) -> {
      List<Long> open = rest.openDue.computeIfAbsent(name, x -> new ArrayList<>());
      dues.forEach(open::remove);
      if (open.isEmpty()) {
        rest.openDue.remove(name);
      }
    });
    other.histograms.forEach((name, h) -> {
      Map<Integer, Integer> mine = rest.histograms.computeIfAbsent(name, x -> new TreeMap<>());
      h.forEach((seconds, n) -> {
        if (mine.merge(seconds, -n, Integer::sum) == 0) {
          mine.remove(seconds);
        }
      });
      if (mine.isEmpty()) {
        rest.histograms.remove(name);
      }
    });
    return rest;
  }

  /** Nothing counted at all: no item started in the tallied period. */
  public boolean isEmpty() {
    return counts.isEmpty() && openDue.isEmpty() && histograms.isEmpty();
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

  /** The histogram {@code name} (empty when nothing was done): whole seconds to items. */
  public Map<Integer, Integer> histogram(String name) {
    return histograms.getOrDefault(name, Map.of());
  }

  public Map<String, Map<Integer, Integer>> histograms() {
    return histograms;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tally t && counts.equals(t.counts) && openDue.equals(t.openDue)
        && histograms.equals(t.histograms);
  }

  @Override
  public int hashCode() {
    return counts.hashCode();
  }

  @Override
  public String toString() {
    return "Tally" + counts + openDue + histograms;
  }
}
