package payledger.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import payledger.readmodel.KpiDefinition;
import payledger.readmodel.KpiStore;
import payledger.readmodel.ReadModelStore;
import payledger.readmodel.Tally;

/**
 * The reconciliation and SLA report: per period, the KPIs overall, by payment method and by
 * gateway, each beside its target; and the same for the whole range. Computed from the daily
 * summary rows alone. Items count in the period in which they started (order registered, payment
 * received, discrepancy detected, case opened). A period in which nothing started is just its
 * dates and {@code empty: true}.
 */
public record ReconciliationReport(
    LocalDate from,
    LocalDate to,
    Granularity granularity,
    Instant asOf,
    List<Section> periods,
    Section total) {

  /** {@code overall}, {@code byPaymentMethod} and {@code byGateway} are null when {@code empty}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Section(
      LocalDate start,
      LocalDate end,
      boolean empty,
      Kpis overall,
      Map<String, Kpis> byPaymentMethod,
      Map<String, Kpis> byGateway) {}

  public static ReconciliationReport compute(List<KpiStore.Daily> rows, LocalDate from, LocalDate to,
      Granularity granularity, Instant asOf, List<KpiDefinition> kpis) {
    List<Section> periods = granularity.periods(from, to).stream()
        .map(p -> section(rows, p.start(), p.end(), asOf, kpis)).toList();
    return new ReconciliationReport(from, to, granularity, asOf, periods, section(rows, from, to, asOf, kpis));
  }

  private static Section section(List<KpiStore.Daily> rows, LocalDate start, LocalDate end, Instant asOf,
      List<KpiDefinition> kpis) {
    List<KpiStore.Daily> in = rows.stream()
        .filter(r -> !r.day().isBefore(start) && !r.day().isAfter(end)).toList();
    Tally all = new Tally();
    for (KpiStore.Daily r : in) {
      all = all.plus(r.tally());
    }
    if (all.isEmpty()) {
      return new Section(start, end, true, null, null, null);
    }
    return new Section(start, end, false, Kpis.of(all, asOf, kpis),
        by(in, ReadModelStore.Dims::method, asOf, kpis), by(in, ReadModelStore.Dims::gateway, asOf, kpis));
  }

  private static Map<String, Kpis> by(List<KpiStore.Daily> rows,
      Function<ReadModelStore.Dims, String> dimension, Instant asOf, List<KpiDefinition> kpis) {
    Map<String, Tally> tallies = new TreeMap<>();
    for (KpiStore.Daily r : rows) {
      tallies.merge(dimension.apply(r.dims()), r.tally(), Tally::plus);
    }
    Map<String, Kpis> result = new TreeMap<>();
    tallies.forEach((value, tally) -> result.put(value, Kpis.of(tally, asOf, kpis)));
    return result;
  }
}
