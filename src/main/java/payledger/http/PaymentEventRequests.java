package payledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import payledger.money.Money;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;

/** Reads the generic normalized payment event of {@code POST /v1/payment-events}. */
final class PaymentEventRequests {

  private PaymentEventRequests() {}

  static PaymentEvent parse(JsonNode body, HttpSettings limits) {
    JsonFields f = JsonFields.root(body);
    String eventId = f.id("eventId");
    String gateway = f.code("gateway", true);
    PaymentEventType type = f.enumValue("type", PaymentEventType.class);
    String orderId = f.optionalId("orderId");
    String paymentId = f.id("paymentId");
    // An authorization, a failed attempt or a notice may be for zero; money that moves may not.
    long min = type == PaymentEventType.AUTHORIZED || type == PaymentEventType.FAILED
        || type == PaymentEventType.NOTICE ? 0 : 1;
    Money amount = f.money("amount", min, limits.maxAmount());
    String method = f.code("method", true);
    Instant occurredAt = f.instant("occurredAt");
    String customerId = f.optionalId("customerId");
    String failureReason = f.optionalText("failureReason");
    f.validate();
    return new PaymentEvent(
        eventId, gateway, type, orderId, paymentId, amount, method, occurredAt, customerId,
        failureReason);
  }
}
