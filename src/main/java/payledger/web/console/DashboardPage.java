package payledger.web.console;

import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.readmodel.KpiDefinition;
import payledger.readmodel.KpiStore;
import payledger.readmodel.ProjectionStatus;
import payledger.report.Granularity;
import payledger.report.Kpis;
import payledger.report.Measure;
import payledger.report.ReconciliationReport;
import payledger.web.Outcomes;
import payledger.web.Sessions;

/**
 * The dashboard: the reconciliation and SLA report ({@link ReconciliationReport}, the same
 * computation as {@code GET /v1/reports/reconciliation}) for the last 12 weeks or 6 months, each
 * KPI beside its target as a small inline SVG bar chart (one bar per period, the target as a line,
 * green when met, red when missed), and the whole range by payment method and by gateway; then, for
 * the admin role only ({@link Console#mayWatchHealth}), the read side's projections and the
 * cluster's nodes ({@link Health}).
 */
final class DashboardPage {

  private static final int WIDTH = 240;
  private static final int HEIGHT = 48;

  private final Console console;
  private final List<KpiDefinition> kpis;

  DashboardPage(Console console, List<KpiDefinition> kpis) {
    this.console = console;
    this.kpis = kpis;
  }

  Route show(Sessions.Session session, String lang) {
    return parameterOptional("granularity", asked -> {
      Granularity g = asked.filter("month"::equals).isPresent() ? Granularity.MONTH : Granularity.WEEK;
      LocalDate to = LocalDate.ofInstant(console.clock().instant(), ZoneOffset.UTC);
      LocalDate from = to.minusDays(g == Granularity.MONTH ? 182 : 83);
      boolean health = Console.mayWatchHealth(Console.staff(session));
      CompletionStage<List<ProjectionStatus.Instance>> projections = !health
          ? CompletableFuture.completedFuture(List.of())
          : Health.projections(console.system()).exceptionally(unreadable -> null);
      CompletionStage<String> page = rows(from, to).thenCombine(projections, (rows, instances) -> {
        ReconciliationReport report = ReconciliationReport.compute(rows, from, to, g,
            console.clock().instant(), kpis);
        Map<String, Object> m = console.model(session, console.pages().text(lang, "dashboard_title"));
        m.put("monthly", g == Granularity.MONTH);
        m.put("from", from.toString());
        m.put("to", to.toString());
        m.put("kpis", charts(report));
        m.put("methods", breakdown(report.total().byPaymentMethod()));
        m.put("gateways", breakdown(report.total().byGateway()));
        m.put("health", health);
        m.put("projections", instances == null ? List.of()
            : Health.projectionRows(instances, console.pages().strings(lang)));
        m.put("projectionsUnknown", instances == null);
        m.put("nodes", health ? Health.nodes(console.system()) : List.of());
        return console.pages().render("console/dashboard.mustache", lang, m);
      });
      return Outcomes.page(page, failure -> console.error(session, lang, 503,
          console.pages().text(lang, "unavailable")));
    });
  }

  private CompletionStage<List<KpiStore.Daily>> rows(LocalDate from, LocalDate to) {
    KpiStore store = console.readSide().get().kpis();
    List<CompletableFuture<List<KpiStore.Daily>>> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(store.daily(d).toCompletableFuture());
    }
    return CompletableFuture.allOf(days.toArray(CompletableFuture[]::new))
        .thenApply(v -> days.stream().flatMap(f -> f.join().stream()).toList());
  }

  private List<Map<String, Object>> charts(ReconciliationReport report) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (KpiDefinition kpi : kpis) {
      Measure total = measure(report.total().overall(), kpi.name());
      List<Measure> periods = report.periods().stream()
          .map(p -> measure(p.overall(), kpi.name())).toList();
      Map<String, Object> k = new HashMap<>();
      k.put("name", kpi.name());
      k.put("definition", kpi.definition());
      k.put("value", total == null || total.value() == null ? "–" : format(total.value(), kpi));
      k.put("target", kpi.target() == null ? "–" : kpi.comparison().symbol() + " " + format(kpi.target(), kpi));
      k.put("level", total == null || total.met() == null ? "none" : total.met() ? "ok" : "breach");
      k.put("bars", bars(periods, kpi));
      k.put("targetY", kpi.target() == null ? null : y(kpi.target(), scale(periods, kpi)));
      out.add(k);
    }
    return out;
  }

  /** One bar per period, scaled to the largest of the values and the target. */
  private static List<Map<String, Object>> bars(List<Measure> periods, KpiDefinition kpi) {
    double max = scale(periods, kpi);
    double step = (double) WIDTH / Math.max(1, periods.size());
    List<Map<String, Object>> bars = new ArrayList<>();
    for (int i = 0; i < periods.size(); i++) {
      Measure m = periods.get(i);
      if (m == null || m.value() == null) {
        continue;
      }
      double top = y(m.value(), max);
      bars.add(Map.of("x", round(i * step + 1), "y", round(top), "w", round(Math.max(1, step - 2)),
          "h", round(HEIGHT - top), "cls", m.met() == null ? "none" : m.met() ? "ok" : "breach",
          "label", format(m.value(), kpi)));
    }
    return bars;
  }

  private static double scale(List<Measure> periods, KpiDefinition kpi) {
    double max = kpi.target() == null ? 0 : kpi.target();
    for (Measure m : periods) {
      if (m != null && m.value() != null) {
        max = Math.max(max, m.value());
      }
    }
    return max <= 0 ? 1 : max * 1.1;
  }

  private static double y(double value, double max) {
    return HEIGHT - Math.max(0, value) / max * HEIGHT;
  }

  private static List<Map<String, Object>> breakdown(Map<String, Kpis> by) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (by == null) {
      return out;
    }
    by.forEach((name, k) -> {
      List<Map<String, Object>> cells = new ArrayList<>();
      k.measures().forEach((kpi, m) -> cells.add(Map.of("kpi", kpi,
          "value", m.value() == null ? "–" : m.value() + " " + m.unit(),
          "cls", m.met() == null ? "none" : m.met() ? "ok" : "breach")));
      out.add(Map.of("name", name, "cells", cells));
    });
    return out;
  }

  private static Measure measure(Kpis k, String name) {
    return k == null ? null : k.measures().get(name);
  }

  private static String format(double value, KpiDefinition kpi) {
    return String.format(Locale.ROOT, kpi.unit() == KpiDefinition.Unit.HOURS ? "%.1f %s" : "%.2f %s",
        value, kpi.unit().symbol());
  }

  private static String round(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
