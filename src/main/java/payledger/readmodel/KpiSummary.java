package payledger.readmodel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pure: what KPI facts add up to, one {@link Tally} per day, payment method and gateway, each fact
 * counted by every counter of {@link KpiCatalog#COUNTERS} that takes it; and the change between
 * the facts of an item before and after a fold ({@link #delta}), which the projections apply to
 * the tallies they keep ({@link KpiTallies}).
 */
public final class KpiSummary {

  /** Where a fact is tallied: the UTC day its item started, its payment method and gateway. */
  public record Key(String day, ReadModelStore.Dims dims) {

    static Key of(KpiFact f) {
      return new Key(f.day(), new ReadModelStore.Dims(f.method(), f.gateway()));
    }
  }

  /** What to take out of a kept tally ({@code out}: the facts before) and put in (the facts after). */
  public record Change(Tally out, Tally in) {

    Tally applyTo(Tally kept) {
      return kept.minus(out).plus(in);
    }
  }

  private KpiSummary() {}

  /** One tally per payment method and gateway (facts of one day). */
  public static Map<ReadModelStore.Dims, Tally> of(Collection<KpiFact> facts) {
    Map<ReadModelStore.Dims, Tally> tallies = new LinkedHashMap<>();
    byKey(facts).forEach((key, tally) -> tallies.merge(key.dims(), tally, Tally::plus));
    return tallies;
  }

  /** One tally per day, payment method and gateway. */
  public static Map<Key, Tally> byKey(Collection<KpiFact> facts) {
    Map<Key, Tally> tallies = new LinkedHashMap<>();
    for (KpiFact f : facts) {
      Tally t = tallies.computeIfAbsent(Key.of(f), k -> new Tally());
      KpiCatalog.COUNTERS.forEach(c -> c.add(t, f));
    }
    return tallies;
  }

  /**
   * The change from the facts {@code before} to the facts {@code after} (of one item or many), by
   * key; keys whose tally does not change are left out, so an event that moves no KPI changes
   * nothing.
   */
  public static Map<Key, Change> delta(Collection<KpiFact> before, Collection<KpiFact> after) {
    Map<Key, Tally> out = byKey(before);
    Map<Key, Tally> in = byKey(after);
    Map<Key, Change> changes = new LinkedHashMap<>();
    out.forEach((key, t) -> {
      Tally added = in.getOrDefault(key, new Tally());
      if (!t.equals(added)) {
        changes.put(key, new Change(t, added));
      }
    });
    in.forEach((key, t) -> {
      if (!out.containsKey(key) && !t.isEmpty()) {
        changes.put(key, new Change(new Tally(), t));
      }
    });
    return changes;
  }

  /** Two changes of the same key in one group: taken out and put in together. */
  static Change merge(Change a, Change b) {
    return new Change(a.out().plus(b.out()), a.in().plus(b.in()));
  }
}
