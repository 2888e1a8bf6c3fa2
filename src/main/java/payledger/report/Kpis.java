package payledger.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import payledger.readmodel.KpiCatalog;
import payledger.readmodel.KpiDefinition;
import payledger.readmodel.Tally;

/**
 * The figures of one period and one slice (all, one payment method, one gateway), from its tally,
 * as of a moment: the volumes of {@link KpiCatalog#VOLUMES}, the discrepancies by type, and one
 * {@link Measure} per configured KPI (one per currency for the amount shares, e.g.
 * {@code refundAmountRate.EUR}). In JSON the volumes are fields beside
 * {@code discrepanciesByType} and {@code measures}.
 */
public record Kpis(Map<String, Long> volumes, Map<String, Long> discrepanciesByType, Map<String, Measure> measures) {

  public static Kpis of(Tally t, Instant asOf, List<KpiDefinition> kpis) {
    Map<String, Long> volumes = new LinkedHashMap<>();
    KpiCatalog.VOLUMES.forEach(v -> volumes.put(v.name(), t.count(v.counter())));
    Map<String, Measure> measures = new LinkedHashMap<>();
    kpis.forEach(k -> k.over(t).forEach(m -> measures.put(m.name(), Measure.of(m, t, asOf))));
    return new Kpis(volumes, new TreeMap<>(t.countsUnder(KpiCatalog.DISCREPANCIES_BY_TYPE.name())), measures);
  }

  /** One volume ({@code ordersRegistered}, {@code casesOpened}, …). */
  public long volume(String name) {
    return volumes.get(name);
  }

  @JsonValue
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>(volumes);
    json.put("discrepanciesByType", discrepanciesByType);
    json.put("measures", measures);
    return json;
  }
}
