package payledger.gateway;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import payledger.dispute.DisputeClient;
import payledger.order.AskFailure;
import payledger.order.OrderClient;
import payledger.order.OrderLedger;
import payledger.order.PaymentEvent;

/**
 * The one path by which a normalized {@link PaymentEvent} enters the ledger, whichever endpoint
 * (generic, batch, Stripe, Adyen, a support link) it came from. A {@link Outcome.Recorded} is only
 * produced once the event is journaled; a failed stage (ask timeout, journal down) means nothing is
 * acknowledged.
 *
 * <p>An event without an order reference is held in a ledger of its own, keyed by its gateway
 * payment id ({@link OrderLedger#holderId}); once support linked that payment to an order, the
 * holder points there and the event is recorded in the order too.
 */
public final class PaymentIngestion {

  /** What became of one event. */
  public sealed interface Outcome {
    /**
     * Journaled now ({@code duplicate == false}) or earlier (a redelivery, no second effect).
     * {@code ack.orderId()} is the order, or a holder id while the payment awaits its order.
     */
    record Recorded(PaymentEvent event, OrderLedger.PaymentAck ack) implements Outcome {
      /** The order it was recorded in, or null while it waits, unlinked, for support. */
      public String orderId() {
        return ack.orderId().startsWith("~") ? null : ack.orderId();
      }
    }

    /** The same (gateway, event id) was already recorded with different content. */
    record Conflict(PaymentEvent event, String message) implements Outcome {}
  }

  private final OrderClient orders;
  private final GatewayDisputes disputes;

  public PaymentIngestion(ClusterSharding sharding, Duration askTimeout) {
    this.orders = new OrderClient(sharding, askTimeout);
    this.disputes = new GatewayDisputes(new DisputeClient(sharding, askTimeout));
  }

  /**
   * A gateway's event, and the dispute case it opens or decides when it is about a dispute. Both
   * are done before the outcome completes, so a webhook is acknowledged only once both are durable.
   */
  public CompletionStage<Outcome> record(Mapped.Event mapped) {
    CompletionStage<Outcome> recorded = record(mapped.event());
    if (mapped.dispute() == null) {
      return recorded;
    }
    return recorded.thenCompose(outcome -> outcome instanceof Outcome.Recorded r
        ? disputes.apply(mapped.dispute(), r.event()).thenApply(done -> outcome)
        : CompletableFuture.completedFuture(outcome));
  }

  public CompletionStage<Outcome> record(PaymentEvent event) {
    String ledger = event.orderId() != null
        ? event.orderId()
        : OrderLedger.holderId(event.gateway(), event.paymentId());
    return ask(ledger, event).thenCompose(outcome ->
        outcome instanceof Outcome.Recorded r && r.ack().linkedTo() != null
            ? ask(r.ack().linkedTo(), event.withOrderId(r.ack().linkedTo()))
            : CompletableFuture.completedFuture(outcome));
  }

  /** Recorded (counted as ingested or duplicate by the client), or refused as a conflict. */
  private CompletionStage<Outcome> ask(String ledger, PaymentEvent event) {
    return orders.recordPayment(ledger, event).handle((ack, failure) -> {
      if (failure == null) {
        return new Outcome.Recorded(event, ack);
      }
      if (AskFailure.cause(failure) instanceof AskFailure.Refused refused) {
        return new Outcome.Conflict(event, refused.detail());
      }
      throw failure instanceof CompletionException c ? c : new CompletionException(failure);
    });
  }
}
