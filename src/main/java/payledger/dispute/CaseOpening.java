package payledger.dispute;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import payledger.order.OrderClient;
import payledger.order.Rejection;

/**
 * Support (or a customer through support) opens a case. A case about an order is for that order's
 * customer: the order must be registered (a {@link Rejection#NOT_FOUND} refusal otherwise), a
 * request naming another customer is refused ({@link Result.CustomerMismatch}), and one naming none
 * takes the order's — otherwise anyone could put a case on another customer's order into their
 * own inbox.
 */
public final class CaseOpening {

  /** What became of the request. */
  public sealed interface Result {
    record Opened(Dispute.View view) implements Result {}

    /** The request named a customer other than the order's: nothing was opened. */
    record CustomerMismatch() implements Result {}
  }

  private final DisputeClient disputes;
  private final OrderClient orders;

  public CaseOpening(DisputeClient disputes, OrderClient orders) {
    this.disputes = disputes;
    this.orders = orders;
  }

  public CompletionStage<Result> open(String disputeId, CaseDetails details) {
    if (details.orderId() == null) {
      return opened(disputeId, details);
    }
    return orders.registered(details.orderId()).thenCompose(order -> {
      String customer = order.state().facts().invoice().customerId();
      return details.customerId() != null && !details.customerId().equals(customer)
          ? CompletableFuture.completedFuture(new Result.CustomerMismatch())
          : opened(disputeId, forCustomer(details, customer));
    });
  }

  private CompletionStage<Result> opened(String disputeId, CaseDetails details) {
    return disputes.open(disputeId, details).thenApply(Result.Opened::new);
  }

  private static CaseDetails forCustomer(CaseDetails d, String customerId) {
    return new CaseDetails(d.orderId(), customerId, d.category(), d.description(), d.amount(),
        d.source(), d.gatewayRef(), d.discrepancyId(), d.evidenceDueBy(), d.openedBy());
  }
}
