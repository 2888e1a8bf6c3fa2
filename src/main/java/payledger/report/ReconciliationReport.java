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
import payledger.settlement.SettlementKpis;

/**
 * The reconciliation and SLA report: per period, the KPIs overall, by payment method and by
 * gateway, each beside its target; and the same for the whole range. Computed from the daily
 * summary rows alone. Items count in the period in which they started (order registered, payment
 * received, discrepancy detected, case opened). A period in which nothing started is just its
 * dates and {@code empty: true}. Beside the ledger's KPIs, each period carries what the gateways'
 * settlement files said of it ({@code settlement}: payments settled and matched, fees by method and
 * gateway), the figures of {@code GET /v1/settlements/summary} for the same days, when any
 * settlement line falls in it.
 */
public record ReconciliationReport(
    LocalDate from,
    LocalDate to,
    Granularity granularity,
    Instant asOf,
    List<Section> periods,
    Section total) {

  /**
   * {@code overall}, {@code byPaymentMethod} and {@code byGateway} are null when {@code empty};
   * {@code settlement} is null when no settlement line falls in the period.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Section(
      LocalDate start,
      LocalDate end,
      boolean empty,
      Kpis overall,
      Map<String, Kpis> byPaymentMethod,
      Map<String, Kpis> byGateway,
      SettlementKpis.Summary settlement) {}

  /** The ledger's KPIs alone (the dashboard's charts, the gauges of {@code /metrics}). */
  public static ReconciliationReport compute(List<KpiStore.Daily> rows, LocalDate from, LocalDate to,
      Granularity granularity, Instant asOf, List<KpiDefinition> kpis) {
    return compute(rows, List.of(), from, to, granularity, asOf, kpis);
  }

  /** @param settled the settlement KPI rows of the range's days */
  public static ReconciliationReport compute(List<KpiStore.Daily> rows, List<SettlementKpis.Row> settled,
      LocalDate from, LocalDate to, Granularity granularity, Instant asOf, List<KpiDefinition> kpis) {
    List<Section> periods = granularity.periods(from, to).stream()
        .map(p -> section(rows, settled, p.start(), p.end(), asOf, kpis)).toList();
    return new ReconciliationReport(from, to, granularity, asOf, periods,
        section(rows, settled, from, to, asOf, kpis));
  }

  private static Section section(List<KpiStore.Daily> rows, List<SettlementKpis.Row> settled,
      LocalDate start, LocalDate end, Instant asOf, List<KpiDefinition> kpis) {
    List<KpiStore.Daily> in = rows.stream()
        .filter(r -> !r.day().isBefore(start) && !r.day().isAfter(end)).toList();
    List<SettlementKpis.Row> settledIn = settled.stream()
        .filter(r -> !LocalDate.parse(r.day()).isBefore(start) && !LocalDate.parse(r.day()).isAfter(end))
        .toList();
    SettlementKpis.Summary settlement = settledIn.isEmpty() ? null
        : SettlementKpis.summarize(start, end, settledIn);
    Tally all = new Tally();
    for (KpiStore.Daily r : in) {
      all = all.plus(r.tally());
    }
    if (all.isEmpty()) {
      return new Section(start, end, true, null, null, null, settlement);
    }
    return new Section(start, end, false, Kpis.of(all, asOf, kpis),
        by(in, ReadModelStore.Dims::method, asOf, kpis), by(in, ReadModelStore.Dims::gateway, asOf, kpis),
        settlement);
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
