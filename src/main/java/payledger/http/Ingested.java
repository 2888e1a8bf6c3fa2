package payledger.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import payledger.gateway.PaymentIngestion.Outcome;
import payledger.gateway.Reply;
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

  /** The answer a gateway expects once its delivery is recorded. */
  static HttpResponse response(Reply reply) {
    if (reply instanceof Reply.Standard standard) {
      return response(standard.outcome());
    }
    if (reply instanceof Reply.Json json) {
      return Json.response(json.status(), json.body());
    }
    Reply.Text text = (Reply.Text) reply;
    return HttpResponse.create()
        .withStatus(text.status())
        .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, text.body()));
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

  /** 422: an event in the name of a gateway whose events come signed, on its own endpoint. */
  static Problem signedElsewhere(PaymentEvent event) {
    return new Problem("urn:payledger:problem:signed-gateway", Problems.title(422), 422,
        event.gateway() + " events are accepted only on its own endpoint, verified by its signature",
        null, List.of(new Problem.FieldError("gateway", "has its own signed endpoint")));
  }
}
