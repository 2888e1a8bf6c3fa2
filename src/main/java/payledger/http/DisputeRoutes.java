package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;
import static payledger.dispute.Lifecycle.Action.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import payledger.dispute.CaseDetails;
import payledger.dispute.Dispute;
import payledger.dispute.DisputeIds;
import payledger.dispute.Lifecycle;

/**
 * {@code POST /v1/disputes} (idempotent with an {@code Idempotency-Key} header),
 * {@code GET /v1/disputes/{id}} and the case actions
 * {@code POST /v1/disputes/{id}/{acknowledge,notes,request-info,customer-reply,escalate,resolve,close,feedback}}.
 * An action the case's state does not allow is a 409 listing the allowed ones.
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
      return complete(Problems.response(Problem.invalid(java.util.List.of(
          new Problem.FieldError("Idempotency-Key", "must be 1-255 characters")))));
    }
    String id = key.map(k -> DisputeIds.fromSeed("idempotency:" + k)).orElseGet(DisputeIds::random);
    return mapResponse(
        response -> response.addHeader(Location.create("/v1/disputes/" + id)),
        () -> ask(id, replyTo -> new Dispute.Open(details, replyTo)));
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
    return completeWithFuture(Problems.reply(
        sharding.entityRefFor(Dispute.ENTITY_KEY, id).askWithStatus(command::apply, settings.askTimeout()),
        view -> Json.response(view.changed() ? 201 : 200,
            DisputeResponse.from(view.dispute(), clock.instant()))));
  }
}
