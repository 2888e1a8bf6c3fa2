package payledger.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One figure the daily summary counts from KPI facts ({@link KpiSummary}), under the name it is
 * stored by in {@code rm_kpi_daily.counts} / {@code open_due}. A stored name is never renamed:
 * summary rows written before would stop counting. The counters are listed in {@link KpiCatalog}.
 *
 * @param name the stored name (for a per-category counter, the prefix of the names)
 * @param kind the kind of fact it looks at
 * @param when which facts of that kind count
 */
public record KpiCounter(String name, KpiFact.Kind kind, Predicate<KpiFact> when, Counting counting) {

  /** What one matching fact adds to the tally. */
  @FunctionalInterface
  interface Counting {
    void add(Tally tally, String name, KpiFact fact);
  }

  /** One per matching fact. */
  static KpiCounter count(String name, KpiFact.Kind kind, Predicate<KpiFact> when) {
    return new KpiCounter(name, kind, when, (t, n, f) -> t.add(n));
  }

  /** One per fact of the kind with the flag. */
  static KpiCounter flagged(String name, KpiFact.Kind kind, KpiFact.Flag flag) {
    return count(name, kind, f -> f.has(flag));
  }

  /** One per matching fact under {@code prefix + category} (e.g. {@code discrepancies.UNDERPAYMENT}). */
  static KpiCounter perCategory(String prefix, KpiFact.Kind kind) {
    return new KpiCounter(prefix, kind, f -> f.category() != null, (t, n, f) -> t.add(n + f.category()));
  }

  /**
   * The sum of the matching facts' amounts, in minor units, per currency under
   * {@code prefix + currency} (e.g. {@code payments.amount.EUR}): amounts of different currencies
   * never add up.
   */
  static KpiCounter amountPerCurrency(String prefix, KpiFact.Kind kind, Predicate<KpiFact> when) {
    return new KpiCounter(prefix, kind, f -> f.amount() != null && when.test(f),
        (t, n, f) -> t.add(n + f.amount().currency(), f.amount().value()));
  }

  /** The sum of a number the facts carry, over the facts that carry it. */
  static KpiCounter sum(String name, KpiFact.Kind kind, Function<KpiFact, Integer> value) {
    return new KpiCounter(name, kind, f -> value.apply(f) != null, (t, n, f) -> t.add(n, value.apply(f)));
  }

  /**
   * A deadline: {@code name.met} or {@code name.late} once done, else the deadline is kept open
   * ({@link Tally#sla}); facts without a deadline are not measured.
   */
  static KpiCounter sla(String name, KpiFact.Kind kind, Predicate<KpiFact> when,
      Function<KpiFact, Instant> doneAt, Function<KpiFact, Instant> due) {
    return new KpiCounter(name, kind, when, (t, n, f) -> t.sla(n, doneAt.apply(f), due.apply(f)));
  }

  /**
   * One per fact done, and its time from start to done in the tally's histogram of the same name
   * (whole seconds; see {@link Tally}).
   */
  static KpiCounter done(String name, KpiFact.Kind kind) {
    return new KpiCounter(name, kind, f -> f.doneAt() != null, (t, n, f) -> {
      t.add(n);
      t.doneAfter(n, (int) Duration.between(f.startedAt(), f.doneAt()).toSeconds());
    });
  }

  /**
   * A deadline judged by flags: {@code name.met} with the {@code good} flag, {@code name.late} with
   * the {@code bad} flag, else open until the fact's {@code doneDue} (pending before it, missed
   * after it: {@link KpiFormula.Deadline}).
   */
  static KpiCounter judged(String name, KpiFact.Kind kind, Predicate<KpiFact> when, KpiFact.Flag good,
      KpiFact.Flag bad) {
    return new KpiCounter(name, kind, when, (t, n, f) -> {
      if (f.has(good)) {
        t.add(n + ".met");
      } else if (f.has(bad)) {
        t.add(n + ".late");
      } else {
        t.sla(n, null, f.doneDue());
      }
    });
  }

  void add(Tally tally, KpiFact fact) {
    if (fact.kind() == kind && when.test(fact)) {
      counting.add(tally, name, fact);
    }
  }

  /** For a per-category counter: the stored name of one category's count. */
  public String of(String category) {
    return name + category;
  }
}
