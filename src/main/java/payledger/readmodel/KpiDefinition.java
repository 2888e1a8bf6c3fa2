package payledger.readmodel;

import java.util.List;
import java.util.Objects;

/**
 * One KPI, defined once ({@link KpiCatalog}): its name in the report and the metrics, what it
 * means in words, its unit, how it is computed from the summary's counters, and its business
 * target (a default; {@code payledger.kpis.targets} overrides it, see {@link KpiSettings}).
 *
 * @param target null when the KPI has none (then nothing is met or missed)
 */
public record KpiDefinition(
    String name, String definition, Unit unit, KpiFormula formula, Double target, Comparison comparison) {

  /** How a value is shown: its symbol and the decimals it is rounded to. */
  public enum Unit {
    PERCENT("%", 2),
    SCORE("score", 2),
    // Four decimals (about a third of a second): a case resolved in seconds is not "0.0 h".
    HOURS("h", 4);

    private final String symbol;
    private final int decimals;

    Unit(String symbol, int decimals) {
      this.symbol = symbol;
      this.decimals = decimals;
    }

    public String symbol() {
      return symbol;
    }

    public double round(double value) {
      double scale = Math.pow(10, decimals);
      return Math.round(value * scale) / scale;
    }
  }

  /** How a value must compare with the target to meet it. */
  public enum Comparison {
    AT_LEAST(">="),
    BELOW("<"),
    AT_MOST("<=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean holds(double value, double target) {
      return switch (this) {
        case AT_LEAST -> value >= target;
        case BELOW -> value < target;
        case AT_MOST -> value <= target;
      };
    }
  }

  public KpiDefinition {
    Objects.requireNonNull(name);
    Objects.requireNonNull(definition);
    Objects.requireNonNull(unit);
    Objects.requireNonNull(formula);
    Objects.requireNonNull(comparison);
  }

  /**
   * The measures this KPI stands for in a tally: itself; or, for an amount share
   * ({@link KpiFormula.AmountShare}), one per currency in the tally, named {@code name.CURRENCY},
   * with this definition and target (none when no amount was counted).
   */
  public List<KpiDefinition> over(Tally tally) {
    if (!(formula instanceof KpiFormula.AmountShare share) || share.currency() != null) {
      return List.of(this);
    }
    return share.currencies(tally).stream()
        .map(c -> new KpiDefinition(name + "." + c, definition, unit,
            new KpiFormula.AmountShare(share.numerator(), share.denominator(), c), target, comparison))
        .toList();
  }

  public KpiDefinition withTarget(Double newTarget) {
    return new KpiDefinition(name, definition, unit, formula, newTarget, comparison);
  }

  /** Whether a (rounded) value meets the target; null without a value or without a target. */
  public Boolean met(Double value) {
    return value == null || target == null ? null : comparison.holds(value, target);
  }
}
