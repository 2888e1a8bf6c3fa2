package payledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import payledger.money.Money;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;

/** Reads the generic normalized payment event of {@code POST /v1/payment-events}. */
final class PaymentEventRequests {

  private PaymentEventRequests() {}

  /**
   * A gateway with an endpoint of its own is refused here: anyone holding a gateway key could
   * otherwise post an unsigned event under its name, and the genuine signed event with that id
   * would then be refused as a conflict on every retry.
   */
  static Optional<Problem> signedElsewhere(PaymentEvent event, Set<String> ownEndpoints) {
    if (!ownEndpoints.contains(event.gateway())) {
      return Optional.empty();
    }
    return Optional.of(new Problem("urn:payledger:problem:signed-gateway", Problems.title(422), 422,
        event.gateway() + " events are accepted only on its own endpoint, verified by its signature",
        null, List.of(new Problem.FieldError("gateway", "has its own signed endpoint"))));
  }

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
