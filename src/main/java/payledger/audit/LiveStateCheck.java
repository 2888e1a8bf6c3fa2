package payledger.audit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import payledger.dispute.DisputeClient;
import payledger.order.AskFailure;
import payledger.order.OrderClient;
import payledger.settlement.SettlementBatchClient;
import payledger.vendor.VendorClient;

/**
 * The replayed state against the state the live entity holds (recovered by Pekko from its
 * snapshot and the events after it). A difference means the entity and its journal disagree: a
 * snapshot that no replay of the stored events gives, or an event changed under a running entity.
 * Asking wakes the entity, so verification runs it for one entity at a time.
 */
public final class LiveStateCheck implements EntityCheck {

  private static final String TABLE = "live entity";

  private final OrderClient orders;
  private final DisputeClient cases;
  private final VendorClient vendors;
  private final SettlementBatchClient batches;

  public LiveStateCheck(ClusterSharding sharding, Duration timeout) {
    this.orders = new OrderClient(sharding, timeout);
    this.cases = new DisputeClient(sharding, timeout);
    this.vendors = new VendorClient(sharding, timeout);
    this.batches = new SettlementBatchClient(sharding, timeout);
  }

  @Override
  public Kind kind() {
    return Kind.STATE;
  }

  @Override
  public String name() {
    return "live entity state";
  }

  @Override
  public CompletionStage<Result> check(VerifiedEntity<?, ?> entity) {
    return live(entity).handle((state, failure) -> Result.differ(failure != null
        ? List.of(Difference.of(TABLE,
            "the live entity did not answer: " + AskFailure.cause(failure).getMessage()))
        : new Differences().row(TABLE, entity.state(), state).list()));
  }

  private CompletionStage<Object> live(VerifiedEntity<?, ?> entity) {
    String id = entity.entityId();
    if (entity.entity() == AuditedEntity.ORDERS) {
      return orders.get(id).thenApply(s -> s.state());
    }
    if (entity.entity() == AuditedEntity.VENDORS) {
      return vendors.get(id).thenApply(v -> v.vendor());
    }
    if (entity.entity() == AuditedEntity.SETTLEMENT_BATCHES) {
      return batches.get(id).thenApply(v -> v.batch());
    }
    return cases.get(id).thenApply(v -> v.dispute());
  }
}
