package payledger.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import payledger.readmodel.KpiStore;
import payledger.readmodel.ReadModelStore;
import payledger.readmodel.Tally;

/**
 * The reconciliation and SLA report: per period, the KPIs overall, by payment method and by
 * gateway, each beside its target; and the same for the whole range. Computed from the daily
 * summary rows alone. Items count in the period in which they started (order registered, payment
 * received, discrepancy detected, case opened).
 */
public record ReconciliationReport(
    LocalDate from,
    LocalDate to,
    Granularity granularity,
    Instant asOf,
    List<Section> periods,
    Section total) {

  public record Section(
      LocalDate start,
      LocalDate end,
      Kpis overall,
      Map<String, Kpis> byPaymentMethod,
      Map<String, Kpis> byGateway) {}

  public static ReconciliationReport compute(List<KpiStore.Daily> rows, LocalDate from, LocalDate to,
      Granularity granularity, Instant asOf) {
    List<Section> periods = granularity.periods(from, to).stream()
        .map(p -> section(rows, p.start(), p.end(), asOf)).toList();
    return new ReconciliationReport(from, to, granularity, asOf, periods, section(rows, from, to, asOf));
  }

  private static Section section(List<KpiStore.Daily> rows, LocalDate start, LocalDate end, Instant asOf) {
    List<KpiStore.Daily> in = rows.stream()
        .filter(r -> !r.day().isBefore(start) && !r.day().isAfter(end)).toList();
    Tally all = new Tally();
    for (KpiStore.Daily r : in) {
      all = all.plus(r.tally());
    }
    return new Section(start, end, Kpis.of(all, asOf),
        by(in, ReadModelStore.Dims::method, asOf), by(in, ReadModelStore.Dims::gateway, asOf));
  }

  private static Map<String, Kpis> by(List<KpiStore.Daily> rows,
      Function<ReadModelStore.Dims, String> dimension, Instant asOf) {
    Map<String, Tally> tallies = new TreeMap<>();
    for (KpiStore.Daily r : rows) {
      tallies.merge(dimension.apply(r.dims()), r.tally(), Tally::plus);
    }
    Map<String, Kpis> kpis = new TreeMap<>();
    tallies.forEach((value, tally) -> kpis.put(value, Kpis.of(tally, asOf)));
    return kpis;
  }
}
