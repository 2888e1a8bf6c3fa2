package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
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

  /** @param orderId null while the payment waits, without an order reference, to be linked */
  record Accepted(
      String eventId, String gateway, String orderId, boolean duplicate, OrderStatus orderStatus) {}

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
            record(sharding, event, settings.askTimeout()),
            ack ->
                Json.response(
                    ack.duplicate() ? 200 : 201,
                    new Accepted(
                        event.eventId(),
                        event.gateway(),
                        ack.orderId().startsWith("~") ? null : ack.orderId(),
                        ack.duplicate(),
                        ack.status()))));
  }

  /**
   * Records a normalized gateway event in its order's ledger. An event without an order reference
   * is held under its gateway payment id; once support linked that payment to an order, the holder
   * points there and the event is recorded in the order too.
   */
  static CompletionStage<OrderLedger.PaymentAck> record(
      ClusterSharding sharding, PaymentEvent event, Duration timeout) {
    String ledger =
        event.orderId() != null
            ? event.orderId()
            : OrderLedger.holderId(event.gateway(), event.paymentId());
    return ask(sharding, ledger, event, timeout)
        .thenCompose(
            ack ->
                ack.linkedTo() == null
                    ? java.util.concurrent.CompletableFuture.completedFuture(ack)
                    : ask(sharding, ack.linkedTo(), event.withOrderId(ack.linkedTo()), timeout));
  }

  private static CompletionStage<OrderLedger.PaymentAck> ask(
      ClusterSharding sharding, String ledger, PaymentEvent event, Duration timeout) {
    return sharding
        .entityRefFor(OrderLedger.ENTITY_KEY, ledger)
        .<OrderLedger.PaymentAck>askWithStatus(
            replyTo -> new OrderLedger.RecordPayment(event, replyTo), timeout);
  }
}
