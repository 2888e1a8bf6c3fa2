package payledger.dispute;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import payledger.order.GatewayInstruction;
import payledger.order.OrderLedger;

/** {@link LedgerPort} over Cluster Sharding: asks the order's {@link OrderLedger}. */
public final class ShardedLedgerPort implements LedgerPort {

  private final ClusterSharding sharding;
  private final Duration timeout;

  public ShardedLedgerPort(ClusterSharding sharding, Duration timeout) {
    this.sharding = sharding;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<Void> noteDispute(
      String orderId, String disputeId, DisputeCategory category) {
    return sharding.entityRefFor(OrderLedger.ENTITY_KEY, orderId)
        .<Done>askWithStatus(
            replyTo -> new OrderLedger.NoteDispute(disputeId, category.name(), replyTo), timeout)
        .thenApply(done -> null);
  }

  @Override
  public CompletionStage<Void> applyResolution(
      String orderId, String disputeId, CaseResolution resolution) {
    GatewayInstruction instruction = new GatewayInstruction(disputeId, resolution.action().name(),
        resolution.amount(), resolution.reason(), resolution.resolvedBy(), null);
    return sharding.entityRefFor(OrderLedger.ENTITY_KEY, orderId)
        .<Done>askWithStatus(
            replyTo -> new OrderLedger.ApplyDisputeResolution(instruction, replyTo), timeout)
        .thenApply(done -> null);
  }
}
