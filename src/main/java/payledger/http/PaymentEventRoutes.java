package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.gateway.GenericSignature;
import payledger.gateway.PaymentIngestion;
import payledger.order.PaymentEvent;

/**
 * {@code POST /v1/payment-events}: 201 once the event is journaled, 200 for a redelivery (no second
 * effect), 409 for a different event under an id already used, 503 when the journal cannot confirm.
 * {@code POST /v1/payment-events/batch}: see {@link PaymentEventBatch}. Both take the gateway role
 * and, when the event's gateway has a secret, an {@code X-Signature} over the raw body. A gateway
 * with an endpoint of its own (Stripe, Adyen) is refused with 422: its events come signed, there.
 */
final class PaymentEventRoutes {

  private static final Set<Role> ROLES = EnumSet.of(Role.GATEWAY);

  private final PaymentIngestion ingestion;
  private final HttpSettings settings;
  private final GenericSignature signature;
  private final Auth auth;
  private final PaymentEventBatch batch;
  private final Set<String> ownEndpoints;

  PaymentEventRoutes(PaymentIngestion ingestion, HttpSettings settings, GenericSignature signature, Auth auth,
      PaymentEventBatch batch, Set<String> ownEndpoints) {
    this.ingestion = ingestion;
    this.settings = settings;
    this.signature = signature;
    this.auth = auth;
    this.batch = batch;
    this.ownEndpoints = Set.copyOf(ownEndpoints);
  }

  Route route() {
    return pathPrefix(
        "payment-events",
        () -> concat(
            pathEnd(() -> post(() -> auth.require(ROLES, () -> signed(List::of, this::record)))),
            path("batch", () -> post(() -> auth.require(ROLES, () -> signed(PaymentEventRoutes::events, batch::record))))));
  }

  /** {@code events} picks the event objects of the body whose gateways must have signed it. */
  private Route signed(Function<JsonNode, List<JsonNode>> events, Function<JsonNode, Route> inner) {
    return optionalHeaderValueByName(
        "X-Signature",
        header -> Json.body((bytes, body) -> {
          if (!signature.verify(gateways(events.apply(body)), header.orElse(null), bytes)) {
            return complete(Problems.invalidSignature(
                "X-Signature must be the hex HMAC-SHA256 of the body with the gateway's secret"));
          }
          return inner.apply(body);
        }));
  }

  /** The gateway names the events claim, read before validation to pick the secrets. */
  private static Set<String> gateways(List<JsonNode> events) {
    Set<String> names = new HashSet<>();
    for (JsonNode event : events) {
      JsonNode gateway = event.path("gateway");
      names.add(gateway.isTextual() ? gateway.textValue().trim().toLowerCase(Locale.ROOT) : null);
    }
    return names;
  }

  private static List<JsonNode> events(JsonNode batch) {
    List<JsonNode> out = new ArrayList<>();
    batch.path("events").forEach(out::add);
    return out;
  }

  private Route record(JsonNode body) {
    PaymentEvent event = PaymentEventRequests.parse(body, settings);
    Optional<Problem> refused = PaymentEventRequests.signedElsewhere(event, ownEndpoints);
    if (refused.isPresent()) {
      return complete(Problems.response(refused.get()));
    }
    CompletionStage<HttpResponse> answer =
        Problems.reply(ingestion.record(event), Ingested::response, Ingested.correlation(event));
    return completeWithFuture(answer);
  }
}
