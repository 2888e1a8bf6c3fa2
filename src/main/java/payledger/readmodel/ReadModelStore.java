package payledger.readmodel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import payledger.dispute.DisputeCase;
import payledger.order.OrderState;

/**
 * Where the read-model projections keep their folds and write their rows. Every write is an upsert
 * or a delete keyed by a business id; the fold (view) is written last, so a failure half-way is
 * repaired by the redelivery that follows.
 */
public interface ReadModelStore {

  /** A fold as of a journal sequence number: events up to {@code seqNr} are in it. */
  record Stored<S>(long seqNr, S state) {}

  /** The payment method and gateway an order is attributed to. */
  record Dims(String method, String gateway) {
    public static final Dims NONE = new Dims(OrderRow.NONE, OrderRow.NONE);
  }

  CompletionStage<Optional<Stored<OrderState>>> orderView(String orderId);

  /** One order's changes in a projection group, with the sequence number its fold is at. */
  record OrderWrite(OrderReadModel.Changes changes, long seqNr) {}

  /**
   * Writes the rows of a group's orders (the rows of one partition together, the KPI facts among
   * them), then each order's fold.
   */
  CompletionStage<Done> applyOrders(List<OrderWrite> group);

  CompletionStage<Optional<Stored<DisputeCase>>> disputeView(String disputeId);

  /** The order's method and gateway as the order projection last saw them, NONE when unknown. */
  CompletionStage<Dims> orderDims(String orderId);

  CompletionStage<Done> applyDispute(DisputeReadModel.Changes changes, long seqNr);
}
