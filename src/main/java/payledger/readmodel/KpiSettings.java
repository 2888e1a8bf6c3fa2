package payledger.readmodel;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The KPIs as configured: {@link KpiCatalog#KPIS} with the targets of {@code payledger.kpis.targets}
 * ({@code kpis.conf}) where set; {@code null} there removes a target. A name that is no KPI fails
 * the start, so a typo never silently leaves a default in place.
 *
 * @param metricsDays the KPI gauges on {@code /metrics} cover the items started in this many UTC
 *     days, today included
 * @param metricsWithin how long a scrape waits for the summary rows before it leaves the KPI
 *     gauges out (a scrape never fails or hangs on the read side)
 */
public record KpiSettings(List<KpiDefinition> kpis, int metricsDays, Duration metricsWithin) {

  public static final KpiSettings DEFAULTS =
      new KpiSettings(KpiCatalog.KPIS, 7, Duration.ofSeconds(2));

  public KpiSettings {
    kpis = List.copyOf(kpis);
  }

  public static KpiSettings from(Config config) {
    Config targets = config.getConfig("payledger.kpis.targets");
    Set<String> known = KpiCatalog.KPIS.stream().map(KpiDefinition::name).collect(Collectors.toSet());
    for (String key : targets.root().keySet()) {
      if (!known.contains(key)) {
        throw new ConfigException.BadPath("payledger.kpis.targets." + key, "no KPI of that name; one of " + known);
      }
    }
    int days = config.getInt("payledger.kpis.metrics-days");
    if (days < 1 || days > 31) {
      throw new ConfigException.BadValue("payledger.kpis.metrics-days", "must be 1 to 31");
    }
    return new KpiSettings(KpiCatalog.KPIS.stream().map(d -> !targets.root().containsKey(d.name()) ? d
        : d.withTarget(targets.getIsNull(d.name()) ? null : targets.getDouble(d.name()))).toList(), days,
        config.getDuration("payledger.kpis.metrics-within"));
  }
}
