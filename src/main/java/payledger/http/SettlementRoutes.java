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
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.StreamConverters;
import scala.concurrent.ExecutionContextExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.settlement.ImportJobs;
import payledger.settlement.ImportRecord;
import payledger.settlement.ImportState;
import payledger.settlement.MalformedSettlement;
import payledger.settlement.SettlementBatchClient;
import payledger.settlement.SettlementImport;
import payledger.settlement.SettlementKpis;
import payledger.settlement.SettlementStore;
import payledger.settlement.SettlementSettings;
import payledger.settlement.Settlements;

/**
 * Settlement files: {@code POST /v1/settlements/files} streams the body to a spool file (never into
 * memory, outside the API's usual body limit and deadline, within the settlements' own), checking
 * every line as it arrives, and answers 202 with the import to poll as soon as the last byte is in
 * (a file imported before: 200); the import is staged all or nothing and reconciled in the
 * background ({@link ImportJobs}); {@code GET /v1/settlements/imports/{id}} shows an import, its
 * state and progress, and its run's figures once done, {@code GET /v1/settlements/imports/{id}/reconciliation} its run,
 * {@code GET /v1/settlements/orders/{orderId}} an order's settled lines and net revenue after fees;
 * the payout batches' findings are {@link SettlementBatchRoutes}.
 */
final class SettlementRoutes {

  private static final Logger log = LoggerFactory.getLogger(SettlementRoutes.class);
  private static final Set<Role> IMPORT = EnumSet.of(Role.FINANCE);
  private static final Set<Role> READ = EnumSet.of(Role.FINANCE, Role.AUDITOR);
  private static final Set<Role> ORDER_READ = EnumSet.of(Role.FINANCE, Role.SUPPORT, Role.AUDITOR);

  /**
   * The import as the API shows it: {@code state} is where it stands for a poller (received,
   * reconciling, done, failed), {@code staged} and {@code reconciled} of {@code lines} its progress,
   * {@code summary} the run's figures once done.
   */
  record ImportResponse(String importId, String state, String status, String layout, String fileName,
      String sha256, long lines, long staged, long reconciled, java.util.List<String> batches,
      java.time.Instant startedAt, java.time.Instant completedAt, String failure, boolean replayed,
      com.fasterxml.jackson.databind.JsonNode summary) {
    static ImportResponse of(ImportRecord r, ImportState state, boolean replayed,
        com.fasterxml.jackson.databind.JsonNode summary) {
      return new ImportResponse(r.importId(), state.name(), r.status().name(), r.layout(), r.fileName(),
          r.sha256(), r.lines(), r.staged(), state == ImportState.DONE ? r.lines() : r.reconciled(),
          r.batches(), r.startedAt(), r.completedAt(), state == ImportState.FAILED ? r.failure() : null,
          replayed, summary);
    }
  }

  static final int MAX_FINDINGS = 10_000;

  private final ActorSystem<?> system;
  private final Supplier<Settlements> settlements;
  private final SettlementSettings settings;
  private final ExecutionContextExecutor blocking;
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
    if (hasReadSide) {
      // Imports cut by a stop of a node are taken up from their spools.
      system.scheduler().scheduleWithFixedDelay(settings.resumeEvery(), settings.resumeEvery(),
          () -> settlements.get().jobs().resume(), blocking);
    }
    // A batch is an entity: its routes need the journal, not the read side.
    this.batches = new SettlementBatchRoutes(new SettlementBatchClient(
        org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(system), askTimeout), clock, auth);
  }

  /** The upload: mounted before the API's body deadline, which would read the body into memory. */
  Route upload() {
    return path(segment("v1").slash("settlements").slash("files"), () -> post(() -> auth.require(IMPORT,
        () -> withSizeLimit(settings.maxFileBytes(), () -> withRequestTimeout(settings.importTimeout(),
            () -> parameterOptional("fileName", name -> extractRequestEntity(entity -> extractMaterializer(
                mat -> onComplete(accept(entity, name.orElse("upload.csv"), mat),
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
          SettlementStore store = settlements.get().store();
          return store.findImport(id).thenCompose(found -> found.isEmpty()
              ? CompletableFuture.completedFuture(Problems.response(Problem.of(404, "not-found",
                  Problems.title(404), "no settlement import " + id)))
              : store.run(id).thenApply(run -> Json.response(200, ImportResponse.of(found.get(),
                  found.get().state(run.isPresent()), false, run.map(SettlementRoutes::tree).orElse(null)))));
        }))));
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The upload received whole and checked, then accepted: its staging and run go on in the background. */
  private CompletionStage<ImportJobs.Accepted> accept(HttpEntity entity, String name, Materializer mat) {
    if (!hasReadSide) {
      entity.discardBytes(mat);
      return CompletableFuture.failedFuture(new IllegalStateException("this node has no read side"));
    }
    InputStream body = entity.getDataBytes().runWith(
        StreamConverters.asInputStream(java.time.Duration.ofSeconds(30)), mat);
    return CompletableFuture.supplyAsync(() -> settlements.get().jobs().upload(body, name), blocking);
  }

  /**
   * An import done before: 200 (nothing changed); accepted, new or still going on: 202 with the
   * import to poll in {@code Location}.
   */
  private static HttpResponse answer(ImportJobs.Accepted accepted, Throwable failure) {
    if (accepted != null) {
      boolean done = accepted.state() == ImportState.DONE;
      return Json.response(done ? 200 : 202, ImportResponse.of(accepted.record(), accepted.state(),
              accepted.replayed(), null))
          .addHeader(org.apache.pekko.http.javadsl.model.headers.Location.create(
              "/v1/settlements/imports/" + accepted.record().importId()));
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
