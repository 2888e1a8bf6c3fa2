package payledger.http;

import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import payledger.gateway.PaymentIngestion.Outcome;
import payledger.order.OrderStatus;

/** How every endpoint answers an ingestion {@link Outcome}: one mapping for generic, batch and webhooks. */
final class Ingested {

  record Accepted(String eventId, String gateway, String orderId, boolean duplicate, OrderStatus orderStatus) {}

  private Ingested() {}

  /** 201 journaled now, 200 journaled before (no second effect), else a problem. */
  static int status(Outcome outcome) {
    return outcome instanceof Outcome.Recorded r ? (r.ack().duplicate() ? 200 : 201) : problem(outcome, "orderId").status();
  }

  static HttpResponse response(Outcome outcome, String orderIdField) {
    if (outcome instanceof Outcome.Recorded r) {
      return Json.response(status(outcome), accepted(r));
    }
    return Problems.response(problem(outcome, orderIdField));
  }

  static Accepted accepted(Outcome.Recorded r) {
    return new Accepted(r.event().eventId(), r.event().gateway(), r.ack().orderId(), r.ack().duplicate(), r.ack().status());
  }

  /**
   * The refusals. No order reference: 400 naming the field, so the gateway keeps the event and
   * redelivers it (Stripe for up to three days) until unlinked payments are kept (issue 4).
   */
  static Problem problem(Outcome outcome, String orderIdField) {
    if (outcome instanceof Outcome.Conflict c) {
      return Problem.of(409, "event-conflict", "Conflict", c.message());
    }
    if (outcome instanceof Outcome.NoOrderReference) {
      return Problem.invalid(List.of(new Problem.FieldError(orderIdField,
          "is required: payments without an order reference are not accepted yet")));
    }
    throw new IllegalArgumentException("not a refusal: " + outcome);
  }
}
