package payledger.http;

import org.apache.pekko.http.javadsl.model.HttpResponse;
import payledger.gateway.PaymentIngestion.Outcome;
import payledger.order.OrderStatus;

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

  static Problem problem(Outcome outcome) {
    if (outcome instanceof Outcome.Conflict c) {
      return Problem.of(409, "event-conflict", "Conflict", c.message());
    }
    throw new IllegalArgumentException("not a refusal: " + outcome);
  }
}
