package payledger.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import payledger.readmodel.KpiDefinition;
import payledger.readmodel.KpiFormula;
import payledger.readmodel.Tally;

/**
 * One KPI beside its business target, with what it means in words. {@code value} is null when
 * there is nothing to judge yet, and {@code met} is null then, or when the KPI has no target;
 * {@code met} is judged on the decided items only.
 *
 * @param comparison how value compares with target to be met: {@code ">="}, {@code "<"}, {@code "<="}
 * @param numerator, denominator what a ratio was computed from (items decided so far)
 * @param pending items that cannot be judged yet (open before their deadline, orders awaiting
 *     their first payment): counted neither way; null for KPIs that have none
 * @param measured always true (kept for clients of the first version of the report)
 * @param definition what the KPI counts, in words
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
    boolean measured,
    String definition) {

  /** The KPI {@code kpi} of a tally, as of {@code asOf}. */
  static Measure of(KpiDefinition kpi, Tally tally, Instant asOf) {
    KpiFormula.Value v = kpi.formula().of(tally, asOf);
    Double value = v.value() == null ? null : kpi.unit().round(v.value());
    return new Measure(value, kpi.unit().symbol(), kpi.target(), kpi.comparison().symbol(), kpi.met(value),
        v.numerator(), v.denominator(), v.pending(), true, kpi.definition());
  }
}
