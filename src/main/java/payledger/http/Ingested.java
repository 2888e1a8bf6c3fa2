package payledger.http;

import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import payledger.gateway.PaymentIngestion.Outcome;
import payledger.order.OrderStatus;
import payledger.order.PaymentEvent;

/** How every endpoint answers an ingestion {@link Outcome}: one mapping for generic, batch and webhooks. */
final class Ingested {

  /** @param orderId null while the payment, reported without an order, waits to be linked */
  record Accepted(String eventId, String gateway, String orderId, boolean duplicate, OrderStatus orderStatus) {}

  private Ingested() {}

  /** 201 journaled now, 200 journaled before (no second effect), 409 a different event under its id. */
  static int status(Outcome outcome) {
    return outcome instanceof Outcome.Recorded r ? (r.ack().duplicate() ? 200 : 201) : 409;
  }

  static HttpResponse response(Outcome outcome) {
    if (outcome instanceof Outcome.Recorded r) {
      return Json.response(status(outcome), accepted(r));
    }
    return Problems.response(problem(outcome));
  }

  static Accepted accepted(Outcome.Recorded r) {
    return new Accepted(r.event().eventId(), r.event().gateway(), r.orderId(), r.ack().duplicate(), r.ack().status());
  }

  /** What ties the log lines of one ingest to the gateway's event and the order (MDC keys). */
  static Map<String, String> correlation(PaymentEvent event) {
    Map<String, String> ids = new HashMap<>();
    ids.put("gateway", event.gateway());
    ids.put("gatewayEventId", event.eventId());
    ids.put("paymentId", event.paymentId());
    if (event.orderId() != null) {
      ids.put("orderId", event.orderId());
    }
    return ids;
  }

  static Problem problem(Outcome outcome) {
    if (outcome instanceof Outcome.Conflict c) {
      return Problem.of(409, "event-conflict", "Conflict", c.message());
    }
    throw new IllegalArgumentException("not a refusal: " + outcome);
  }
}
