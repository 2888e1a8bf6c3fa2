package payledger.gateway;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import payledger.order.OrderLedger;
import payledger.order.PaymentEvent;

/**
 * The one path by which a normalized {@link PaymentEvent} enters the ledger, whichever endpoint
 * (generic, batch, Stripe, Adyen) it came from. A {@link Outcome.Recorded} is only produced once the
 * event is journaled; a failed stage (ask timeout, journal down) means nothing is acknowledged.
 */
public final class PaymentIngestion {

  /** Caller- and gateway-supplied ids: safe in a URL path, a persistence id and a log line. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");

  /** What became of one event. */
  public sealed interface Outcome {
    /** Journaled now ({@code duplicate == false}) or earlier (a redelivery, no second effect). */
    record Recorded(PaymentEvent event, OrderLedger.PaymentAck ack) implements Outcome {}

    /** The same (gateway, event id) was already recorded with different content. */
    record Conflict(PaymentEvent event, String message) implements Outcome {}

    /**
     * The event names no order. Until unlinked payments are kept (issue 4) they are refused, never
     * acknowledged: the gateway keeps redelivering them, so nothing is lost.
     */
    record NoOrderReference(PaymentEvent event) implements Outcome {}
  }

  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public PaymentIngestion(ClusterSharding sharding, Duration askTimeout) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  public CompletionStage<Outcome> record(PaymentEvent event) {
    if (event.orderId() == null) {
      return CompletableFuture.completedFuture(new Outcome.NoOrderReference(event));
    }
    return sharding
        .entityRefFor(OrderLedger.ENTITY_KEY, event.orderId())
        .<OrderLedger.PaymentAck>askWithStatus(
            replyTo -> new OrderLedger.RecordPayment(event, replyTo), askTimeout)
        .handle(
            (ack, failure) -> {
              if (failure == null) {
                return new Outcome.Recorded(event, ack);
              }
              Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
              if (cause instanceof StatusReply.ErrorMessage error) {
                return new Outcome.Conflict(event, error.getMessage());
              }
              throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            });
  }
}
