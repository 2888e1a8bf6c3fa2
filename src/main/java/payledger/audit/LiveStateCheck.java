package payledger.audit;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import payledger.dispute.Dispute;
import payledger.order.OrderLedger;

/**
 * The replayed state against the state the live entity holds (recovered by Pekko from its
 * snapshot and the events after it). A difference means the entity and its journal disagree: a
 * snapshot that no replay of the stored events gives, or an event changed under a running entity.
 * Asking wakes the entity, so verification runs it for one entity at a time.
 */
public final class LiveStateCheck implements EntityCheck {

  private final ClusterSharding sharding;
  private final Duration timeout;

  public LiveStateCheck(ClusterSharding sharding, Duration timeout) {
    this.sharding = sharding;
    this.timeout = timeout;
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
  public CompletionStage<List<String>> check(VerifiedEntity<?, ?> entity) {
    return live(entity).handle((state, failure) -> failure != null
        ? List.of("the live entity did not answer: " + failure.getMessage())
        : differences(entity.state(), state));
  }

  private CompletionStage<Object> live(VerifiedEntity<?, ?> entity) {
    String id = entity.entityId();
    if (entity.entity() == AuditedEntity.ORDERS) {
      return sharding.entityRefFor(OrderLedger.ENTITY_KEY, id)
          .askWithStatus(OrderLedger.GetOrder::new, timeout).thenApply(s -> s.state());
    }
    return sharding.entityRefFor(Dispute.ENTITY_KEY, id)
        .askWithStatus(Dispute.Get::new, timeout).thenApply(v -> v.dispute());
  }

  /** The record components that differ, by name. */
  static List<String> differences(Object replayed, Object live) {
    List<String> found = new ArrayList<>();
    if (replayed.getClass() != live.getClass() || !replayed.getClass().isRecord()) {
      return replayed.equals(live) ? found : List.of("the states differ");
    }
    for (RecordComponent c : replayed.getClass().getRecordComponents()) {
      try {
        Object a = c.getAccessor().invoke(replayed);
        Object b = c.getAccessor().invoke(live);
        if (!Objects.equals(a, b)) {
          found.add(c.getName() + ": replayed " + abbreviate(a) + ", live " + abbreviate(b));
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return found;
  }

  private static String abbreviate(Object value) {
    String s = String.valueOf(value);
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
