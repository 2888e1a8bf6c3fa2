package payledger.order;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import payledger.metrics.LedgerMetrics;

/**
 * The one way to ask an {@link OrderLedger}: the sharded entity, the ask timeout, and failures in
 * {@link AskFailure} terms (a refusal is {@link AskFailure.Refused}, no answer in time
 * {@link AskFailure.Unavailable}). Callers neither build commands nor see reply refs.
 */
public final class OrderClient {

  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public OrderClient(ClusterSharding sharding, Duration askTimeout) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  /** The order as it stands; {@link Rejection#NOT_FOUND} when nothing was ever recorded under the id. */
  public CompletionStage<OrderLedger.Summary> get(String orderId) {
    return ask(orderId, OrderLedger.GetOrder::new);
  }

  /** The order, or a {@link Rejection#NOT_FOUND} refusal while it is not registered (payments alone make no order). */
  public CompletionStage<OrderLedger.Summary> registered(String orderId) {
    return get(orderId).thenCompose(order -> order.state().facts().invoice() != null
        ? CompletableFuture.completedFuture(order)
        : CompletableFuture.failedFuture(new AskFailure.Refused(Rejection.NOT_FOUND, "no such order")));
  }

  public CompletionStage<OrderLedger.Summary> register(String orderId, Invoice invoice) {
    return ask(orderId, replyTo -> new OrderLedger.RegisterOrder(invoice, replyTo));
  }

  public CompletionStage<OrderLedger.Summary> adjust(String orderId, Adjustment adjustment) {
    return ask(orderId, replyTo -> new OrderLedger.AdjustInvoice(adjustment, replyTo));
  }

  public CompletionStage<OrderLedger.Summary> resolveDiscrepancy(
      String orderId, String discrepancyId, Resolution resolution, String actor, String note) {
    return ask(orderId, replyTo -> new OrderLedger.ResolveDiscrepancy(
        discrepancyId, resolution, actor, note, replyTo));
  }

  /** @param channel the channel to resend through, or null for the order's usual ones */
  public CompletionStage<OrderLedger.Summary> resendReceipt(String orderId, String channel, String actor) {
    return ask(orderId, replyTo -> new OrderLedger.ResendReceipt(channel, actor, replyTo));
  }

  /** To the holder {@code holderId} of payments without an order: they belong to {@code orderId}. */
  public CompletionStage<OrderLedger.Summary> linkPayments(String holderId, String orderId, String actor) {
    return ask(holderId, replyTo -> new OrderLedger.LinkPayments(orderId, actor, replyTo));
  }

  /**
   * Records one gateway event in the ledger {@code ledgerId} (an order, or a holder), counted as
   * ingested or as a duplicate; a conflicting redelivery is a {@link Rejection#CONFLICT} refusal.
   */
  public CompletionStage<OrderLedger.PaymentAck> recordPayment(String ledgerId, PaymentEvent event) {
    return this.<OrderLedger.PaymentAck>ask(
            ledgerId, replyTo -> new OrderLedger.RecordPayment(event, replyTo))
        .thenApply(ack -> {
          if (ack.duplicate()) {
            LedgerMetrics.paymentEventDuplicate(event.gateway(), event.type().name());
          } else {
            LedgerMetrics.paymentEventIngested(event.gateway(), event.type().name());
          }
          return ack;
        });
  }

  public CompletionStage<Done> noteDispute(String orderId, String disputeId, String category) {
    return ask(orderId, replyTo -> new OrderLedger.NoteDispute(disputeId, category, replyTo));
  }

  public CompletionStage<Done> applyDisputeResolution(String orderId, GatewayInstruction instruction) {
    return ask(orderId, replyTo -> new OrderLedger.ApplyDisputeResolution(instruction, replyTo));
  }

  public CompletionStage<Done> recordDelivery(String orderId, DeliveryReport report) {
    return ask(orderId, replyTo -> new OrderLedger.RecordDelivery(report, replyTo));
  }

  /** From the deadline scheduler: a wake-up the order asked for is due. */
  public CompletionStage<Done> deadlineReached(String orderId) {
    return AskFailure.typing(sharding.entityRefFor(OrderLedger.ENTITY_KEY, orderId)
        .ask(OrderLedger.DeadlineReached::new, askTimeout));
  }

  private <T> CompletionStage<T> ask(
      String ledgerId, Function<ActorRef<StatusReply<T>>, OrderLedger.Command> command) {
    return AskFailure.typing(sharding.entityRefFor(OrderLedger.ENTITY_KEY, ledgerId)
        .askWithStatus(command::apply, askTimeout));
  }
}
