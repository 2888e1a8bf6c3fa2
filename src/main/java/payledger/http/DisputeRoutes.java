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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import payledger.dispute.CaseDetails;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeIds;
import payledger.dispute.Lifecycle;
import payledger.order.OrderLedger;

/**
 * {@code POST /v1/disputes} (idempotent with an {@code Idempotency-Key} header),
 * {@code GET /v1/disputes/{id}} and the case actions
 * {@code POST /v1/disputes/{id}/{acknowledge,notes,request-info,customer-reply,escalate,resolve,close,feedback}}.
 * An action the case's state does not allow is a 409 listing the allowed ones. A case about an order
 * is for that order's customer: the order must be registered (404), and a request naming another
 * customer is a 422.
 */
final class DisputeRoutes {

  private static final Set<Role> ACT = EnumSet.of(Role.SUPPORT);
  private static final Set<Role> READ = EnumSet.of(Role.SUPPORT, Role.AUDITOR);

  private final ClusterSharding sharding;
  private final HttpSettings settings;
  private final Clock clock;
  private final Auth auth;

  DisputeRoutes(ClusterSharding sharding, HttpSettings settings, Clock clock, Auth auth) {
    this.sharding = sharding;
    this.settings = settings;
    this.clock = clock;
    this.auth = auth;
  }

  Route route() {
    return pathPrefix("disputes", () -> concat(
        pathEnd(() -> post(() -> auth.require(ACT, () -> optionalHeaderValueByName("Idempotency-Key",
            key -> Json.body(body -> open(key, body)))))),
        pathPrefix(segment(), id -> concat(
            pathEnd(() -> get(() -> auth.require(READ, () -> ask(id, Dispute.Get::new)))),
            step(id, "acknowledge", ACKNOWLEDGE, false),
            step(id, "notes", NOTE, true),
            step(id, "request-info", REQUEST_INFO, true),
            step(id, "customer-reply", CUSTOMER_REPLY, true),
            step(id, "escalate", ESCALATE, true),
            step(id, "close", CLOSE, false),
            path("resolve", () -> post(() -> auth.require(ACT, () -> Json.body(body -> ask(id,
                replyTo -> new Dispute.Resolve(DisputeRequests.resolution(body, settings), replyTo)))))),
            path("feedback", () -> post(() -> auth.require(ACT, () -> Json.body(body -> {
              DisputeRequests.Rating rating = DisputeRequests.rating(body);
              return ask(id, replyTo -> new Dispute.Feedback(rating.csat(), rating.comment(), replyTo));
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
        () -> details.orderId() == null
            ? ask(id, replyTo -> new Dispute.Open(details, replyTo))
            : completeWithFuture(Problems.reply(openForOrder(id, details), response -> response)));
  }

  /** Asks the order whose customer the case is for; 404 while it is not registered. */
  private CompletionStage<HttpResponse> openForOrder(String id, CaseDetails details) {
    return sharding.entityRefFor(OrderLedger.ENTITY_KEY, details.orderId())
        .<OrderLedger.Summary>askWithStatus(OrderLedger.GetOrder::new, settings.askTimeout())
        .thenCompose(OrderRoutes::registered)
        .thenCompose(order -> DisputeRequests
            .forOrderCustomer(details, order.state().facts().invoice().customerId())
            .map(own -> answer(id, replyTo -> new Dispute.Open(own, replyTo)))
            .orElseGet(() -> CompletableFuture.completedFuture(Problems.response(new Problem(
                "urn:payledger:problem:customer-mismatch", Problems.title(422), 422,
                "the case's customer must be the order's customer; leave customerId out to use it",
                null, List.of(new Problem.FieldError("customerId", "is not this order's customer")))))));
  }

  private Route step(String id, String name, Lifecycle.Action action, boolean textRequired) {
    return path(name, () -> post(() -> auth.require(ACT, () -> Json.body(body -> {
      DisputeRequests.Step step = DisputeRequests.step(body, textRequired);
      return ask(id, replyTo -> new Dispute.Act(action, step.actor(), step.text(), replyTo));
    }))));
  }

  /** 201 when the command changed the case, 200 otherwise; 404/409 problems when refused. */
  private Route ask(
      String id, Function<ActorRef<StatusReply<Dispute.View>>, Dispute.Command> command) {
    if (!DisputeIds.isValid(id)) {
      return complete(Problems.response(Problem.of(404, "not-found", "Not found", "no such dispute")));
    }
    return completeWithFuture(answer(id, command));
  }

  private CompletionStage<HttpResponse> answer(
      String id, Function<ActorRef<StatusReply<Dispute.View>>, Dispute.Command> command) {
    return Problems.reply(
        sharding.entityRefFor(Dispute.ENTITY_KEY, id).askWithStatus(command::apply, settings.askTimeout()),
        view -> Json.response(view.changed() ? 201 : 200,
            DisputeResponse.from(view.dispute(), clock.instant())));
  }
}
