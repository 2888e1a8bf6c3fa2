package payledger.dispute;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import payledger.order.GatewayInstruction;
import payledger.order.OrderClient;
import payledger.order.OrderLedger;

/** {@link LedgerPort} over Cluster Sharding: asks the order's {@link OrderLedger} through its client. */
public final class ShardedLedgerPort implements LedgerPort {

  private final OrderClient orders;

  public ShardedLedgerPort(ClusterSharding sharding, Duration timeout) {
    this.orders = new OrderClient(sharding, timeout);
  }

  @Override
  public CompletionStage<Void> noteDispute(
      String orderId, String disputeId, DisputeCategory category) {
    return orders.noteDispute(orderId, disputeId, category.name()).thenApply(done -> null);
  }

  @Override
  public CompletionStage<Void> applyResolution(
      String orderId, String disputeId, CaseResolution resolution) {
    GatewayInstruction instruction = new GatewayInstruction(disputeId, resolution.action().name(),
        resolution.amount(), resolution.reason(), resolution.resolvedBy(), null);
    return orders.applyDisputeResolution(orderId, instruction).thenApply(done -> null);
  }
}
