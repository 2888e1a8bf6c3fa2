package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.StreamConverters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.settlement.ImportRecord;
import payledger.settlement.MalformedSettlement;
import payledger.settlement.SettlementBatchClient;
import payledger.settlement.SettlementImport;
import payledger.settlement.SettlementKpis;
import payledger.settlement.SettlementStore;
import payledger.settlement.SettlementSettings;
import payledger.settlement.Settlements;
import payledger.settlement.Spool;

/**
 * Settlement files: {@code POST /v1/settlements/files} streams the body to a spool file (never into
 * memory, outside the API's usual body limit and deadline, within the settlements' own) and imports
 * it all or nothing, then reconciles it; {@code GET /v1/settlements/imports/{id}} shows an import
 * and its progress, {@code GET /v1/settlements/imports/{id}/reconciliation} its run,
 * {@code GET /v1/settlements/orders/{orderId}} an order's settled lines and net revenue after fees;
 * the payout batches' findings are {@link SettlementBatchRoutes}.
 */
final class SettlementRoutes {

  private static final Logger log = LoggerFactory.getLogger(SettlementRoutes.class);
  private static final Set<Role> IMPORT = EnumSet.of(Role.FINANCE);
  private static final Set<Role> READ = EnumSet.of(Role.FINANCE, Role.AUDITOR);
  private static final Set<Role> ORDER_READ = EnumSet.of(Role.FINANCE, Role.SUPPORT, Role.AUDITOR);

  /** The import as the API shows it. */
  record ImportResponse(String importId, String status, String layout, String fileName, String sha256,
      long lines, long staged, java.util.List<String> batches, java.time.Instant startedAt,
      java.time.Instant completedAt, boolean replayed) {
    static ImportResponse of(ImportRecord r, boolean replayed) {
      return new ImportResponse(r.importId(), r.status().name(), r.layout(), r.fileName(), r.sha256(),
          r.lines(), r.staged(), r.batches(), r.startedAt(), r.completedAt(), replayed);
    }
  }

  static final int MAX_FINDINGS = 10_000;

  private final ActorSystem<?> system;
  private final Supplier<Settlements> settlements;
  private final SettlementSettings settings;
  private final Executor blocking;
  private final Auth auth;
  private final boolean hasReadSide;

  private final SettlementBatchRoutes batches;

  SettlementRoutes(ActorSystem<?> system, Supplier<Settlements> settlements, Clock clock, Auth auth,
      java.time.Duration askTimeout) {
    this.system = system;
    this.settings = SettlementSettings.from(system.settings().config());
    this.settlements = settlements;
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    this.auth = auth;
    this.hasReadSide = system.settings().config().getBoolean("payledger.read-side.enabled");
    // A batch is an entity: its routes need the journal, not the read side.
    this.batches = new SettlementBatchRoutes(new SettlementBatchClient(
        org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(system), askTimeout), clock, auth);
  }

  /** The upload: mounted before the API's body deadline, which would read the body into memory. */
  Route upload() {
    return path(segment("v1").slash("settlements").slash("files"), () -> post(() -> auth.require(IMPORT,
        () -> withSizeLimit(settings.maxFileBytes(), () -> withRequestTimeout(settings.importTimeout(),
            () -> parameterOptional("fileName", name -> extractRequestEntity(entity -> extractMaterializer(
                mat -> onComplete(importOf(entity, name.orElse("upload.csv"), mat),
                    result -> complete(answer(result.isSuccess() ? result.get() : null,
                        result.isSuccess() ? null : result.failed().get())))))))))));
  }

  Route route() {
    return concat(path(segment("settlements").slash("imports").slash(segment()).slash("reconciliation"),
        id -> get(() -> auth.require(READ, () -> ReadModelRoutes.answer(() -> reconciliation(id))))),
        importRoute(), orderRoute(), summaryRoute(), batches.route());
  }

  static final int MAX_SUMMARY_DAYS = 366;

  /**
   * The settlement KPIs of a period ({@code from}, {@code to}: UTC days, both included, at most
   * {@link #MAX_SUMMARY_DAYS}): payments settled and matched, ledger lines matched by gateway and
   * method, fees by gateway, method and currency.
   */
  private Route summaryRoute() {
    return path(segment("settlements").slash("summary"), () -> get(() -> auth.require(ORDER_READ,
        () -> parameterMap(p -> {
          QueryParams q = new QueryParams(p, Set.of("from", "to"));
          java.time.LocalDate from = q.date("from");
          java.time.LocalDate to = q.date("to");
          if (from != null && to != null && from.isAfter(to)) {
            q.error("from", "must not be after to");
          } else if (from != null && to != null
              && java.time.temporal.ChronoUnit.DAYS.between(from, to) >= MAX_SUMMARY_DAYS) {
            q.error("to", "the range may span at most " + MAX_SUMMARY_DAYS + " days");
          }
          q.validate();
          return ReadModelRoutes.answer(() -> summary(from, to));
        }))));
  }

  private CompletionStage<HttpResponse> summary(java.time.LocalDate from, java.time.LocalDate to) {
    if (!hasReadSide) {
      return CompletableFuture.completedFuture(Problems.unavailable());
    }
    SettlementStore store = settlements.get().store();
    return org.apache.pekko.stream.javadsl.Source.from(SettlementKpis.days(from, to))
        .mapAsync(4, store::kpis)
        .runWith(org.apache.pekko.stream.javadsl.Sink.seq(), system)
        .thenApply(days -> Json.response(200, SettlementKpis.summarize(from, to,
            days.stream().flatMap(java.util.List::stream).toList())));
  }

  /** An order's settled lines and its net revenue after fees (finance, support, auditor). */
  private Route orderRoute() {
    return path(segment("settlements").slash("orders").slash(segment()), orderId -> get(() -> auth.require(
        ORDER_READ, () -> ReadModelRoutes.answer(() -> hasReadSide
            ? settlements.get().store().orderSettlement(orderId).thenApply(found -> found.lines().isEmpty()
                ? Problems.response(Problem.of(404, "not-found", Problems.title(404),
                    "no settled line of order " + orderId))
                : Json.response(200, found))
            : CompletableFuture.completedFuture(Problems.unavailable())))));
  }

  /** The run's figures and its findings (at most {@link #MAX_FINDINGS}, worst deadline first). */
  private CompletionStage<HttpResponse> reconciliation(String id) {
    if (!hasReadSide) {
      return CompletableFuture.completedFuture(Problems.unavailable());
    }
    Settlements s = settlements.get();
    return s.store().run(id).thenCompose(run -> run.isEmpty()
        ? CompletableFuture.completedFuture(Problems.response(Problem.of(404, "not-found", Problems.title(404),
            "no reconciliation of settlement import " + id)))
        : s.store().findings(id).take(MAX_FINDINGS).runWith(org.apache.pekko.stream.javadsl.Sink.seq(), system)
            .thenApply(findings -> {
              try {
                var body = Json.MAPPER.createObjectNode();
                body.put("importId", id);
                body.set("summary", Json.MAPPER.readTree(run.get()));
                body.set("findings", Json.MAPPER.valueToTree(findings.stream()
                    .sorted(java.util.Comparator.comparing(payledger.settlement.Finding::resolveBy)
                        .thenComparing(payledger.settlement.Finding::findingId)).toList()));
                return Json.response(200, body);
              } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
              }
            }));
  }

  private Route importRoute() {
    return path(segment("settlements").slash("imports").slash(segment()), id -> get(() -> auth.require(READ,
        () -> ReadModelRoutes.answer(() -> {
          if (!hasReadSide) {
            return CompletableFuture.completedFuture(Problems.unavailable());
          }
          return settlements.get().store().findImport(id).thenApply(found -> found
              .map(r -> Json.response(200, ImportResponse.of(r, false)))
              .orElseGet(() -> Problems.response(Problem.of(404, "not-found", Problems.title(404),
                  "no settlement import " + id))));
        }))));
  }

  private CompletionStage<SettlementImport.Outcome> importOf(HttpEntity entity, String name, Materializer mat) {
    if (!hasReadSide) {
      entity.discardBytes(mat);
      return CompletableFuture.failedFuture(new IllegalStateException("this node has no read side"));
    }
    InputStream body = entity.getDataBytes().runWith(
        StreamConverters.asInputStream(java.time.Duration.ofSeconds(30)), mat);
    return CompletableFuture.supplyAsync(() -> {
      Spool spool = Spool.of(body, settings.spoolDir());
      try {
        return settlements.get().importer().importFile(spool, name,
            (staged, total) -> log.info("Settlement file {}: {} of {} lines staged", name, staged, total));
      } finally {
        spool.delete();
      }
    }, blocking).thenCompose(this::reconciled);
  }

  /** A new import is reconciled before the answer; a replayed one only if its run never finished. */
  private CompletionStage<SettlementImport.Outcome> reconciled(SettlementImport.Outcome outcome) {
    Settlements s = settlements.get();
    return s.store().run(outcome.record().importId()).thenCompose(run -> run.isPresent()
        ? CompletableFuture.completedFuture(outcome)
        : s.reconciliation().run(outcome.record()).thenApply(summary -> outcome));
  }

  private static HttpResponse answer(SettlementImport.Outcome outcome, Throwable failure) {
    if (outcome != null) {
      return Json.response(outcome.replayed() ? 200 : 201, ImportResponse.of(outcome.record(), outcome.replayed()));
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof MalformedSettlement m) {
      return Problems.response(Problem.of(422, "malformed-settlement-file", "Malformed settlement file",
          m.getMessage()));
    }
    if (cause instanceof SettlementImport.BatchConflict c) {
      return Problems.response(Problem.of(409, "settlement-batch-conflict", Problems.title(409),
          "batches already imported from another file: " + describe(c.owners())));
    }
    if (tooLarge(cause)) {
      return Problems.response(Problem.of(413, "payload-too-large", Problems.title(413),
          "the settlement file is larger than the configured payledger.settlements.max-file-bytes"));
    }
    log.warn("Settlement import failed: {}", cause.toString());
    return Problems.unavailable();
  }

  private static boolean tooLarge(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof org.apache.pekko.http.scaladsl.model.EntityStreamSizeException) {
        return true;
      }
      if (c instanceof UncheckedIOException && c.getCause() != null && c.getCause().getCause()
          instanceof org.apache.pekko.http.scaladsl.model.EntityStreamSizeException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Map<String, String> owners) {
    return owners.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + " (" + e.getValue() + ")").reduce((a, b) -> a + ", " + b).orElse("");
  }
}
