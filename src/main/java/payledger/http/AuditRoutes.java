package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.audit.Audit;
import payledger.audit.AuditedEntity;
import payledger.audit.Scope;
import payledger.json.JsonFields;

/**
 * The auditor's routes: {@code GET /v1/audit/orders/{id}/journal} and
 * {@code GET /v1/audit/disputes/{id}/journal} (one entity's journal with hashes),
 * {@code GET /v1/audit/journal?from=&to=} (NDJSON stream of every event in the range) and
 * {@code POST /v1/audit/verify} (one entity, a range, or everything; a JSON report, or with
 * {@code Accept: application/x-ndjson} progress lines and then the report; in either form a 404
 * problem when the scope matches no entity).
 */
final class AuditRoutes {

  private static final Logger log = LoggerFactory.getLogger(AuditRoutes.class);
  private static final Set<Role> AUDITOR = EnumSet.of(Role.AUDITOR);
  static final ContentType NDJSON =
      ContentTypes.create(MediaTypes.applicationWithFixedCharset("x-ndjson", HttpCharsets.UTF_8));
  /** A JSON-mode verification may take long; NDJSON mode streams instead. */
  private static final Duration VERIFY_TIMEOUT = Duration.ofMinutes(30);
  /** A settlement payout batch's id: {@code gateway/batch} (the gateway's batch id as its file has it). */
  private static final java.util.regex.Pattern SETTLEMENT_BATCH =
      java.util.regex.Pattern.compile("[a-z0-9_-]{1,40}/\\S{1,200}");

  private final Optional<Audit> audit;
  private final Auth auth;

  /** @param audit empty when the journal is not Cassandra (in-memory tests): 503 then */
  AuditRoutes(Optional<Audit> audit, Auth auth) {
    this.audit = audit;
    this.auth = auth;
  }

  Route route() {
    return pathPrefix("audit", () -> auth.require(AUDITOR, () -> concat(
        path(segment("orders").slash(segment()).slash("journal"),
            id -> get(() -> entityJournal(AuditedEntity.ORDERS, id))),
        path(segment("disputes").slash(segment()).slash("journal"),
            id -> get(() -> entityJournal(AuditedEntity.DISPUTES, id))),
        path("journal", () -> get(() -> parameterOptional("from", from ->
            parameterOptional("to", to -> export(from, to))))),
        path("verify", () -> post(() -> withRequestTimeout(VERIFY_TIMEOUT,
            () -> optionalHeaderValueByName("Accept", accept ->
                Json.body(body -> verify(body, accept.orElse(""))))))))));
  }

  private Route entityJournal(AuditedEntity<?, ?> type, String id) {
    if (audit.isEmpty()) {
      return complete(unreadable());
    }
    if (!JsonFields.ID.matcher(id).matches()) {
      return complete(notFound(type, id));
    }
    return completeWithFuture(audit.get().entityJournal(type, id).handle((json, failure) -> {
      if (failure != null) {
        log.warn("Journal of {} {} not readable: {}", type.entityType(), id, failure.toString());
        return unreadable();
      }
      return json.map(bytes -> HttpResponse.create().withStatus(200)
              .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, bytes)))
          .orElseGet(() -> notFound(type, id));
    }));
  }

  private Route export(Optional<String> from, Optional<String> to) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Instant start = instant("from", from, errors);
    Instant end = instant("to", to, errors);
    if (errors.isEmpty() && start != null && end != null && !start.isBefore(end)) {
      errors.add(new Problem.FieldError("to", "must be after from"));
    }
    if (!errors.isEmpty()) {
      return complete(Problems.response(Problem.invalid(errors)));
    }
    if (audit.isEmpty()) {
      return complete(unreadable());
    }
    return complete(HttpResponse.create().withStatus(200).withEntity(
        HttpEntities.create(NDJSON, audit.get().export(Scope.range(start, end)))));
  }

  private Route verify(JsonNode body, String accept) {
    JsonFields f = JsonFields.root(body);
    String orderId = f.optionalId("orderId");
    String disputeId = f.optionalId("disputeId");
    String batch = f.optionalText("settlementBatch");
    if (batch != null && !SETTLEMENT_BATCH.matcher(batch).matches()) {
      f.error("settlementBatch", "must be gateway/batch, as a settlement batch is named");
    }
    Instant from = body.hasNonNull("from") ? f.instant("from") : null;
    Instant to = body.hasNonNull("to") ? f.instant("to") : null;
    int asked = (orderId != null ? 1 : 0) + (disputeId != null ? 1 : 0) + (batch != null ? 1 : 0)
        + (from != null || to != null ? 1 : 0);
    if (asked > 1) {
      f.error("(body)", "give one of orderId, disputeId, settlementBatch, or a from/to range (or nothing"
          + " for everything)");
    }
    if (from != null && to != null && !from.isBefore(to)) {
      f.error("to", "must be after from");
    }
    f.validate();
    if (audit.isEmpty()) {
      return complete(unreadable());
    }
    Scope scope = orderId != null ? Scope.entity(AuditedEntity.ORDERS.entityType(), orderId)
        : disputeId != null ? Scope.entity(AuditedEntity.DISPUTES.entityType(), disputeId)
        : batch != null ? Scope.entity(AuditedEntity.SETTLEMENT_BATCHES.entityType(), batch)
        : from != null || to != null ? Scope.range(from, to)
        : Scope.everything();
    log.info("Verification of {} started", scope.describe());
    if (accept.contains("application/x-ndjson")) {
      return completeWithFuture(audit.get().verify(scope).handle((updates, failure) ->
          failure != null ? failed(scope, failure)
              : updates.map(u -> HttpResponse.create().withStatus(200).withEntity(
                      HttpEntities.create(NDJSON, u.map(update -> ByteString.fromArrayUnsafe(line(update))))))
                  .orElseGet(() -> nothingToVerify(scope))));
    }
    return completeWithFuture(audit.get().verifyReport(scope).handle((report, failure) -> {
      if (failure != null) {
        return failed(scope, failure);
      }
      return report.map(r -> {
        log.info("Verification of {}: {} entities, {} events, ok={}", scope.describe(),
            r.entitiesChecked(), r.eventsChecked(), r.ok());
        return Json.response(200, r);
      }).orElseGet(() -> nothingToVerify(scope));
    }));
  }

  private static HttpResponse failed(Scope scope, Throwable failure) {
    log.warn("Verification of {} failed: {}", scope.describe(), failure.toString());
    return unreadable();
  }

  /** A scope that matches no entity: a verification of nothing is not one that passed. */
  private static HttpResponse nothingToVerify(Scope scope) {
    return Problems.response(Problem.of(404, "not-found", "Nothing to verify", scope.nothingFound()));
  }

  private static byte[] line(Object update) {
    byte[] json = Json.bytes(update);
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    return line;
  }

  private static Instant instant(String name, Optional<String> value, List<Problem.FieldError> errors) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value.get());
    } catch (DateTimeParseException e) {
      errors.add(new Problem.FieldError(name, "must be an ISO-8601 instant such as 2026-11-22T10:15:30Z"));
      return null;
    }
  }

  private static HttpResponse notFound(AuditedEntity<?, ?> type, String id) {
    return Problems.response(Problem.of(404, "not-found", "Not found",
        "the journal holds no events of " + type.entityType() + " " + id));
  }

  private static HttpResponse unreadable() {
    return Problems.response(Problem.of(503, "unavailable", "Service unavailable",
        "the Cassandra journal could not be read; retry later"));
  }
}
