package payledger.readmodel;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Pure: how a KPI's value comes out of a tally of counters, as of a moment. */
public sealed interface KpiFormula {

  /**
   * A KPI's figures. {@code value} is null when there is nothing to judge yet.
   *
   * @param numerator, denominator what a ratio was computed from: the items decided so far
   * @param pending items that cannot be judged yet, counted neither way (null: the KPI has none)
   */
  record Value(Double value, Long numerator, Long denominator, Long pending) {}

  Value of(Tally tally, Instant asOf);

  /**
   * {@code numerator / (denominator − undecided)} in %. {@code undecided}, when given, counts the
   * items of the denominator that cannot be judged yet: they are pending, neither met nor failed.
   */
  record Ratio(String numerator, String denominator, String undecided) implements KpiFormula {
    @Override
    public Value of(Tally t, Instant asOf) {
      Long pending = undecided == null ? null : t.count(undecided);
      long decided = t.count(denominator) - (pending == null ? 0 : pending);
      long n = t.count(numerator);
      return new Value(decided <= 0 ? null : 100.0 * n / decided, n, Math.max(0, decided), pending);
    }
  }

  /**
   * Done by the deadline, in %, of the items decided: done (in time or late) or still open past
   * the deadline at {@code asOf}. Open items before their deadline are pending.
   */
  record Deadline(String counter) implements KpiFormula {
    @Override
    public Value of(Tally t, Instant asOf) {
      long met = t.count(counter + ".met");
      long decided = met + t.count(counter + ".late") + t.openOverdue(counter, asOf);
      return new Value(decided == 0 ? null : 100.0 * met / decided, met, decided,
          t.openPending(counter, asOf));
    }
  }

  /**
   * {@code numerator + currency} of {@code denominator + currency} in %, amounts in minor units of
   * one currency: amounts of different currencies never add up. A KPI with this formula and no
   * currency stands for one measure per currency the tally counted either amount in
   * ({@link KpiDefinition#over}), named {@code kpi.CURRENCY}; on its own it has no value.
   */
  record AmountShare(String numerator, String denominator, String currency) implements KpiFormula {
    @Override
    public Value of(Tally t, Instant asOf) {
      return currency == null ? new Value(null, null, null, null)
          : new Ratio(numerator + currency, denominator + currency, null).of(t, asOf);
    }

    /** The currencies the tally has either amount in, in alphabetical order. */
    public Set<String> currencies(Tally t) {
      Set<String> currencies = new TreeSet<>(t.countsUnder(numerator).keySet());
      currencies.addAll(t.countsUnder(denominator).keySet());
      return currencies;
    }
  }

  /** {@code sum / count}; null with nothing counted. */
  record Average(String sum, String count) implements KpiFormula {
    @Override
    public Value of(Tally t, Instant asOf) {
      long n = t.count(count);
      return new Value(n == 0 ? null : (double) t.count(sum) / n, null, null, null);
    }
  }

  /**
   * The nearest-rank quantile {@code q} of the times in the histogram {@code histogram} (a
   * {@link KpiCounter#done} counter's), in hours; null with none.
   */
  record TimeQuantile(String histogram, double q) implements KpiFormula {
    @Override
    public Value of(Tally t, Instant asOf) {
      Map<Integer, Integer> seconds = t.histogram(histogram);
      long n = seconds.values().stream().mapToLong(Integer::longValue).sum();
      if (n == 0) {
        return new Value(null, null, null, null);
      }
      long rank = Math.max(1, (long) Math.ceil(q * n));
      long seen = 0;
      for (Map.Entry<Integer, Integer> e : new TreeMap<>(seconds).entrySet()) {
        seen += e.getValue();
        if (seen >= rank) {
          return new Value(e.getKey() / 3600.0, null, null, null);
        }
      }
      throw new IllegalStateException("unreachable");
    }
  }
}
