package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.order.OrderLedger;
import payledger.order.OrderStatus;
import payledger.order.PaymentEvent;

/**
 * {@code POST /v1/payment-events}: 201 once the event is journaled, 200 for a redelivery (no second
 * effect), 409 for a different event under an id already used, 503 when the journal cannot confirm.
 */
final class PaymentEventRoutes {

  record Accepted(String eventId, String gateway, String orderId, boolean duplicate, OrderStatus orderStatus) {}

  private final ClusterSharding sharding;
  private final HttpSettings settings;

  PaymentEventRoutes(ClusterSharding sharding, HttpSettings settings) {
    this.sharding = sharding;
    this.settings = settings;
  }

  Route route() {
    return path("payment-events", () -> post(() -> Json.body(this::record)));
  }

  private Route record(JsonNode body) {
    PaymentEvent event = PaymentEventRequests.parse(body, settings);
    return completeWithFuture(
        Problems.reply(
            sharding
                .entityRefFor(OrderLedger.ENTITY_KEY, event.orderId())
                .<OrderLedger.PaymentAck>askWithStatus(
                    replyTo -> new OrderLedger.RecordPayment(event, replyTo),
                    settings.askTimeout()),
            ack ->
                Json.response(
                    ack.duplicate() ? 200 : 201,
                    new Accepted(
                        event.eventId(), event.gateway(), ack.orderId(), ack.duplicate(), ack.status())),
            409,
            "event-conflict"));
  }
}
