package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;
import static payledger.dispute.Lifecycle.Action.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.dispute.CaseDetails;
import payledger.dispute.CaseOpening;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeClient;
import payledger.dispute.DisputeIds;
import payledger.dispute.Lifecycle;

/**
 * {@code POST /v1/disputes} (idempotent with an {@code Idempotency-Key} header),
 * {@code GET /v1/disputes/{id}} and the case actions
 * {@code POST /v1/disputes/{id}/{acknowledge,notes,request-info,customer-reply,escalate,resolve,close,feedback}}.
 * An action the case's state does not allow is a 409 listing the allowed ones. A case about an order
 * is for that order's customer ({@link CaseOpening}): the order must be registered (404), and a
 * request naming another customer is a 422.
 */
final class DisputeRoutes {

  private static final Set<Role> ACT = EnumSet.of(Role.SUPPORT);
  private static final Set<Role> READ = EnumSet.of(Role.SUPPORT, Role.AUDITOR);

  private final DisputeClient disputes;
  private final CaseOpening opening;
  private final HttpSettings settings;
  private final Clock clock;
  private final Auth auth;

  DisputeRoutes(DisputeClient disputes, CaseOpening opening, HttpSettings settings, Clock clock,
      Auth auth) {
    this.disputes = disputes;
    this.opening = opening;
    this.settings = settings;
    this.clock = clock;
    this.auth = auth;
  }

  Route route() {
    return pathPrefix("disputes", () -> concat(
        pathEnd(() -> post(() -> auth.require(ACT, () -> optionalHeaderValueByName("Idempotency-Key",
            key -> Json.body(body -> open(key, body)))))),
        pathPrefix(segment(), id -> concat(
            pathEnd(() -> get(() -> auth.require(READ, () -> answer(id, () -> disputes.get(id))))),
            step(id, "acknowledge", ACKNOWLEDGE, false),
            step(id, "notes", NOTE, true),
            step(id, "request-info", REQUEST_INFO, true),
            step(id, "customer-reply", CUSTOMER_REPLY, true),
            step(id, "escalate", ESCALATE, true),
            step(id, "close", CLOSE, false),
            path("resolve", () -> post(() -> auth.require(ACT, () -> Json.body(body -> {
              var resolution = DisputeRequests.resolution(body, settings);
              return answer(id, () -> disputes.resolve(id, resolution));
            })))),
            path("feedback", () -> post(() -> auth.require(ACT, () -> Json.body(body -> {
              DisputeRequests.Rating rating = DisputeRequests.rating(body);
              return answer(id, () -> disputes.feedback(id, rating.csat(), rating.comment()));
            }))))))));
  }

  private Route open(Optional<String> key, JsonNode body) {
    CaseDetails details = DisputeRequests.open(body, settings);
    if (key.isPresent() && (key.get().isBlank() || key.get().length() > 255)) {
      return complete(Problems.response(Problem.invalid(List.of(
          new Problem.FieldError("Idempotency-Key", "must be 1-255 characters")))));
    }
    String id = key.map(k -> DisputeIds.fromSeed("idempotency:" + k)).orElseGet(DisputeIds::random);
    return mapResponse(
        response -> response.addHeader(Location.create("/v1/disputes/" + id)),
        () -> completeWithFuture(Problems.reply(opening.open(id, details), this::opened)));
  }

  private HttpResponse opened(CaseOpening.Result result) {
    if (result instanceof CaseOpening.Result.Opened opened) {
      return render(opened.view());
    }
    return Problems.response(new Problem(
        "urn:payledger:problem:customer-mismatch", Problems.title(422), 422,
        "the case's customer must be the order's customer; leave customerId out to use it",
        null, List.of(new Problem.FieldError("customerId", "is not this order's customer"))));
  }

  private Route step(String id, String name, Lifecycle.Action action, boolean textRequired) {
    return path(name, () -> post(() -> auth.require(ACT, () -> Json.body(body -> {
      DisputeRequests.Step step = DisputeRequests.step(body, textRequired);
      return answer(id, () -> disputes.act(id, action, step.actor(), step.text()));
    }))));
  }

  /** 201 when the command changed the case, 200 otherwise; 404/409 problems when refused. */
  private Route answer(String id, Supplier<CompletionStage<Dispute.View>> asked) {
    if (!DisputeIds.isValid(id)) {
      return complete(Problems.response(Problem.of(404, "not-found", "Not found", "no such dispute")));
    }
    return completeWithFuture(Problems.reply(asked.get(), this::render));
  }

  private HttpResponse render(Dispute.View view) {
    return DisputeResponse.answer(view, clock.instant());
  }
}
