package payledger.report;

import java.util.Map;

/**
 * The report's KPIs as Prometheus gauges for {@code /metrics}, from the same definitions and the
 * same arithmetic as the report: per KPI its value, target, whether it is met and how many items
 * are pending, over the items started in the last {@code days} UTC days (today included). A figure
 * that does not exist (nothing to judge yet, no target) has no sample.
 */
public final class KpiGauges {

  private KpiGauges() {}

  /** The gauges in the Prometheus text format; {@code kpis} null when nothing started in the window. */
  public static String text(Kpis kpis, int days) {
    String window = "over the items started in the last " + days + " UTC days";
    StringBuilder text = new StringBuilder();
    gauge(text, kpis, "payledger_kpi_value", "The reconciliation report's KPIs " + window
        + " (unit label: %, score, h)", m -> m.value(), true);
    gauge(text, kpis, "payledger_kpi_target", "The KPIs' business targets (payledger.kpis.targets)",
        m -> m.target(), false);
    gauge(text, kpis, "payledger_kpi_met", "1 when a KPI meets its target " + window + ", else 0",
        m -> m.met() == null ? null : m.met() ? 1.0 : 0.0, false);
    gauge(text, kpis, "payledger_kpi_pending", "Items a KPI cannot judge yet " + window,
        m -> m.pending() == null ? null : m.pending().doubleValue(), false);
    return text.toString();
  }

  private interface Figure {
    Double of(Measure m);
  }

  private static void gauge(StringBuilder text, Kpis kpis, String name, String help, Figure figure,
      boolean withUnit) {
    text.append("# HELP ").append(name).append(' ').append(help).append('\n');
    text.append("# TYPE ").append(name).append(" gauge\n");
    if (kpis == null) {
      return;
    }
    for (Map.Entry<String, Measure> e : kpis.measures().entrySet()) {
      Double value = figure.of(e.getValue());
      if (value != null) {
        text.append(name).append("{kpi=\"").append(e.getKey()).append('"');
        if (withUnit) {
          text.append(",unit=\"").append(e.getValue().unit()).append('"');
        }
        text.append("} ").append(value).append('\n');
      }
    }
  }
}
