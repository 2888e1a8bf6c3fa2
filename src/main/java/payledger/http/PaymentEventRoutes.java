package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.metrics.LedgerMetrics;
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

  private static final Logger log = LoggerFactory.getLogger(PaymentEventRoutes.class);

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
            ack -> {
              count(event, ack);
              log.debug("Payment event {} answered: duplicate={}, order status {}",
                  event.type(), ack.duplicate(), ack.status());
              return Json.response(
                  ack.duplicate() ? 200 : 201,
                  new Accepted(
                      event.eventId(),
                      event.gateway(),
                      ack.orderId().startsWith("~") ? null : ack.orderId(),
                      ack.duplicate(),
                      ack.status()));
            },
            correlation(event)));
  }

  private static void count(PaymentEvent event, OrderLedger.PaymentAck ack) {
    if (ack.duplicate()) {
      LedgerMetrics.paymentEventDuplicate(event.gateway(), event.type().name());
    } else {
      LedgerMetrics.paymentEventIngested(event.gateway(), event.type().name());
    }
  }

  /** What ties the log lines of one ingest to the gateway's event and the order. */
  private static Map<String, String> correlation(PaymentEvent event) {
    Map<String, String> ids = new HashMap<>();
    ids.put("gateway", event.gateway());
    ids.put("gatewayEventId", event.eventId());
    ids.put("paymentId", event.paymentId());
    if (event.orderId() != null) {
      ids.put("orderId", event.orderId());
    }
    return ids;
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
