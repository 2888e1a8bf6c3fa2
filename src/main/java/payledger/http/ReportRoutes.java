package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.ContentDisposition;
import org.apache.pekko.http.javadsl.model.headers.ContentDispositionTypes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import java.util.function.Supplier;
import payledger.readmodel.KpiSettings;
import payledger.readmodel.KpiStore;
import payledger.readmodel.ReadSide;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.json.EnumNames;
import payledger.report.Granularity;
import payledger.report.KpiGauges;
import payledger.report.ReconciliationReport;
import payledger.report.ReportCsv;
import payledger.settlement.SettlementKpis;
import payledger.settlement.SettlementStore;
import payledger.settlement.Settlements;

/**
 * {@code GET /v1/reports/reconciliation?from=&to=&granularity=day|week|month}: JSON, or CSV with
 * {@code Accept: text/csv} (as an attachment with a file name). Reads the daily summary rows of
 * the range (one partition per day) and the settlement KPI rows of its days; the KPIs and their
 * targets are {@code payledger.kpis}'.
 */
final class ReportRoutes {

  private static final Set<Role> READ = EnumSet.of(Role.SUPPORT, Role.AUDITOR);
  static final long MAX_DAYS = 366;
  private static final Logger log = LoggerFactory.getLogger(ReportRoutes.class);

  private final Supplier<ReadSide> readSide;
  private final Supplier<Settlements> settlements;
  private final ActorSystem<?> system;
  private final Clock clock;
  private final Auth auth;
  private final KpiSettings kpis;
  private final boolean hasReadSide;

  ReportRoutes(Supplier<ReadSide> readSide, Supplier<Settlements> settlements, ActorSystem<?> system,
      Clock clock, Auth auth) {
    this.readSide = readSide;
    this.settlements = settlements;
    this.system = system;
    this.clock = clock;
    this.auth = auth;
    this.kpis = KpiSettings.from(system.settings().config());
    this.hasReadSide = system.settings().config().getBoolean("payledger.read-side.enabled");
  }

  Route route() {
    return path(segment("reports").slash("reconciliation"), () -> get(() -> auth.require(READ,
        () -> optionalHeaderValueByName("Accept", accept -> parameterMap(p -> {
          QueryParams q = new QueryParams(p, Set.of("from", "to", "granularity"));
          LocalDate from = q.date("from");
          LocalDate to = q.date("to");
          Granularity granularity = EnumNames.parse(Granularity.class,
              p.getOrDefault("granularity", "DAY")).orElse(null);
          if (granularity == null) {
            q.error("granularity", "must be DAY, WEEK or MONTH");
          }
          if (from != null && to != null && from.isAfter(to)) {
            q.error("from", "must not be after to");
          } else if (from != null && to != null && ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            q.error("to", "the range may span at most " + MAX_DAYS + " days");
          }
          q.validate();
          boolean csv = accept.map(a -> a.contains("text/csv")).orElse(false);
          Granularity chosen = granularity;
          return ReadModelRoutes.answer(() -> report(from, to, chosen, csv));
        })))));
  }

  private CompletionStage<HttpResponse> report(LocalDate from, LocalDate to, Granularity g, boolean csv) {
    return rows(from, to).thenCombine(settled(from, to), (rows, settled) -> {
      ReconciliationReport report =
          ReconciliationReport.compute(rows, settled, from, to, g, clock.instant(), kpis.kpis());
      return csv
          ? HttpResponse.create().withStatus(200)
              .addHeader(ContentDisposition.create(ContentDispositionTypes.ATTACHMENT,
                  Map.of("filename", "reconciliation-" + from + "-" + to + "-"
                      + g.name().toLowerCase(Locale.ROOT) + ".csv")))
              .withEntity(HttpEntities.create(
                  ContentTypes.create(MediaTypes.TEXT_CSV, HttpCharsets.UTF_8), ReportCsv.of(report)))
          : Json.response(200, report);
    });
  }

  /**
   * The KPI gauges for {@code /metrics} ({@link KpiGauges}); nothing on a node without a read side,
   * or when the summary rows do not come within {@link KpiSettings#metricsWithin()}: a scrape never fails or
   * waits on them.
   */
  CompletionStage<String> kpiGauges() {
    if (!hasReadSide) {
      return CompletableFuture.completedFuture("");
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate from = today.minusDays(kpis.metricsDays() - 1L);
    CompletionStage<List<KpiStore.Daily>> rows;
    try {
      rows = rows(from, today);
    } catch (RuntimeException e) {
      rows = CompletableFuture.failedFuture(e);
    }
    return rows
        .thenApply(r -> KpiGauges.text(ReconciliationReport.compute(r, from, today, Granularity.MONTH,
            now, kpis.kpis()).total().overall(), kpis.metricsDays()))
        .toCompletableFuture()
        .completeOnTimeout(null, kpis.metricsWithin().toMillis(), TimeUnit.MILLISECONDS)
        .handle((text, failure) -> {
          if (text == null) {
            log.warn("KPI gauges left out of /metrics: {}", failure == null ? "summary rows too slow" : failure.toString());
            return "";
          }
          return text;
        });
  }

  /** The daily summary rows of the range: one partition per day. */
  private CompletionStage<List<KpiStore.Daily>> rows(LocalDate from, LocalDate to) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d);
    }
    KpiStore store = readSide.get().kpis();
    return Source.from(days)
        .mapAsync(16, store::daily)
        .runWith(Sink.seq(), system)
        .thenApply(rows -> rows.stream().flatMap(List::stream).toList());
  }

  /** The settlement KPI rows of the range: one partition per day. */
  private CompletionStage<List<SettlementKpis.Row>> settled(LocalDate from, LocalDate to) {
    SettlementStore store = settlements.get().store();
    return Source.from(SettlementKpis.days(from, to))
        .mapAsync(16, store::kpis)
        .runWith(Sink.seq(), system)
        .thenApply(rows -> rows.stream().flatMap(List::stream).toList());
  }
}
