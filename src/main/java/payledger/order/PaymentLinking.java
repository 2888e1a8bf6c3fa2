package payledger.order;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Support links payments that came without an order (held by {@link OrderLedger#holderId}) to a
 * registered order: the held payments are recorded in the order, then the holder is marked linked
 * (so later redeliveries go to the order too). Every step is idempotent — events are deduplicated,
 * linking twice to the same order is a no-op — so a link that failed half-way is simply retried.
 */
public final class PaymentLinking {

  private final OrderClient orders;

  public PaymentLinking(OrderClient orders) {
    this.orders = orders;
  }

  /**
   * The order after the link. Refused with {@link Rejection#NOT_FOUND} when the order is not
   * registered (payments linked anywhere else would sit where nothing reads them) or nothing is
   * held for the payment, and with {@link Rejection#CONFLICT} when it is linked to another order.
   */
  public CompletionStage<OrderLedger.Summary> link(
      String orderId, String gateway, String paymentId, String actor) {
    String holderId = OrderLedger.holderId(gateway, paymentId);
    return orders.registered(orderId)
        .thenCompose(order -> orders.get(holderId))
        .thenCompose(held -> recordAll(orderId, held))
        .thenCompose(recorded -> orders.linkPayments(holderId, orderId, actor))
        .thenCompose(linked -> orders.get(orderId));
  }

  /** One after the other, so the order journals them in the order they were held. */
  private CompletionStage<Void> recordAll(String orderId, OrderLedger.Summary held) {
    String linkedTo = held.state().facts().linkedTo();
    if (linkedTo != null && !linkedTo.equals(orderId)) {
      return CompletableFuture.failedFuture(new AskFailure.Refused(Rejection.CONFLICT,
          "this payment is already linked to order " + linkedTo));
    }
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (RecordedPayment payment : held.state().facts().payments()) {
      PaymentEvent event = payment.event().withOrderId(orderId);
      chain = chain.thenCompose(previous -> orders.recordPayment(orderId, event))
          .thenApply(ack -> null);
    }
    return chain;
  }
}
