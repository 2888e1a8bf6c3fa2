package payledger.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One KPI beside its business target. {@code value} is null when there is nothing to measure yet
 * (no items, or {@code measured} false: the ledger does not record the facts yet) and {@code met}
 * is null then, or when the KPI has no target.
 *
 * @param comparison how value compares with target to be met: {@code ">="}, {@code "<"}, {@code "<="}
 * @param numerator, denominator what a ratio was computed from (items decided so far)
 * @param pending items still open whose deadline has not come: not counted either way yet
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Measure(
    Double value,
    String unit,
    Double target,
    String comparison,
    Boolean met,
    Long numerator,
    Long denominator,
    Long pending,
    boolean measured) {

  static Measure ratio(long numerator, long denominator, Double target, String comparison) {
    Double value = denominator == 0 ? null : round(100.0 * numerator / denominator);
    return new Measure(value, "%", target, comparison, met(value, target, comparison),
        numerator, denominator, null, true);
  }

  static Measure sla(long met, long decided, long pending, Double target) {
    Double value = decided == 0 ? null : round(100.0 * met / decided);
    return new Measure(value, "%", target, ">=", met(value, target, ">="), met, decided, pending, true);
  }

  static Measure notMeasured(Double target) {
    return new Measure(null, "%", target, ">=", null, null, null, null, false);
  }

  static Measure plain(Double value, String unit, Double target, String comparison) {
    Double rounded = value == null ? null : round(value);
    return new Measure(rounded, unit, target, comparison, met(rounded, target, comparison),
        null, null, null, true);
  }

  private static Boolean met(Double value, Double target, String comparison) {
    if (value == null || target == null) {
      return null;
    }
    return switch (comparison) {
      case ">=" -> value >= target;
      case "<" -> value < target;
      case "<=" -> value <= target;
      default -> throw new IllegalArgumentException(comparison);
    };
  }

  static double round(double value) {
    return Math.round(value * 100.0) / 100.0;
  }
}
