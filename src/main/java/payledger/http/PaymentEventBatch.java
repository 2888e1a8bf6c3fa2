package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.gateway.Delivery;
import payledger.gateway.Gateways;
import payledger.gateway.PaymentIngestion;
import payledger.json.JsonFields;
import payledger.order.AskFailure;
import payledger.order.PaymentEvent;

/**
 * {@code POST /v1/payment-events/batch} with {@code {"events": [ ≤ 1,000 generic events ]}}. Answered
 * 200 with one result per event, in order: the status the single endpoint would give (201, 200, 400,
 * 409, 422, 503) and the accepted event or a problem. A bad item does not sink the others; a 2xx item is
 * journaled; a non-2xx item stored nothing and may be resent alone.
 */
final class PaymentEventBatch {

  private static final Logger log = LoggerFactory.getLogger(PaymentEventBatch.class);

  static final int MAX_EVENTS = 1000;
  /** Asks in flight per batch: enough to overlap journal writes, few enough not to starve others. */
  private static final int PARALLELISM = 16;

  record Result(int index, int status, Ingested.Accepted accepted, Problem problem) {}

  record Results(int accepted, int refused, List<Result> results) {}

  private final ActorSystem<?> system;
  private final PaymentIngestion ingestion;
  private final Gateways gateways;

  PaymentEventBatch(ActorSystem<?> system, PaymentIngestion ingestion, Gateways gateways) {
    this.system = system;
    this.ingestion = ingestion;
    this.gateways = gateways;
  }

  /** Parsed (400, 422 for card data), then signed by every gateway the events name that has a secret. */
  Route record(Delivery delivery) {
    return Json.parsed(delivery.body(), body -> {
      List<JsonNode> items = new ArrayList<>();
      body.path("events").forEach(items::add);
      Optional<String> refused = gateways.generic().verify(delivery, items);
      return refused.isPresent() ? GatewayRoutes.refuse(gateways.generic(), refused.get()) : record(body);
    });
  }

  private Route record(JsonNode body) {
    JsonNode events = body.path("events");
    if (!body.isObject() || !events.isArray() || events.isEmpty() || events.size() > MAX_EVENTS) {
      throw new JsonFields.Invalid("events", "must be an array of 1 to " + MAX_EVENTS + " payment events");
    }
    List<JsonNode> items = new ArrayList<>();
    events.forEach(items::add);
    CompletionStage<Results> results =
        Source.range(0, items.size() - 1)
            .mapAsync(PARALLELISM, i -> one(i, items.get(i)))
            .runWith(Sink.seq(), system)
            .thenApply(PaymentEventBatch::summarize);
    return completeWithFuture(results.thenApply(r -> Json.response(200, r)));
  }

  private CompletionStage<Result> one(int index, JsonNode item) {
    PaymentEvent event;
    try {
      event = gateways.generic().event(item);
    } catch (JsonFields.Invalid invalid) {
      return CompletableFuture.completedFuture(
          new Result(index, 400, null, Problem.invalid(prefixed(index, Problems.fieldErrors(invalid.errors())))));
    }
    if (gateways.signedElsewhere(gateways.generic(), event)) {
      Problem p = Ingested.signedElsewhere(event);
      return CompletableFuture.completedFuture(new Result(index, 422, null, new Problem(p.type(), p.title(),
          p.status(), p.detail(), null, prefixed(index, p.errors()))));
    }
    return ingestion.record(event).handle((outcome, failure) -> {
      if (failure != null) {
        Throwable cause = AskFailure.cause(failure);
        if (!(cause instanceof AskFailure.Unavailable)) {
          log.error("Batch item {} failed unexpectedly", index, cause);
        }
        return new Result(index, 503, null, Problem.of(503, "unavailable", "Service unavailable",
            "the ledger could not confirm this event; it is not stored, resend it"));
      }
      int status = Ingested.status(outcome);
      return outcome instanceof PaymentIngestion.Outcome.Recorded r
          ? new Result(index, status, Ingested.accepted(r), null)
          : new Result(index, status, null, Ingested.problem(outcome));
    });
  }

  private static List<Problem.FieldError> prefixed(int index, List<Problem.FieldError> errors) {
    return errors.stream()
        .map(e -> new Problem.FieldError("events[" + index + "]." + e.field(), e.message()))
        .toList();
  }

  private static Results summarize(List<Result> results) {
    int accepted = (int) results.stream().filter(r -> r.status() < 300).count();
    return new Results(accepted, results.size() - accepted, results);
  }
}
