package payledger.settlement;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import payledger.order.AskFailure;

/**
 * The one way to ask a {@link SettlementBatch}: the sharded entity, the ask timeout, and failures
 * in {@link AskFailure} terms.
 */
public final class SettlementBatchClient implements SettlementReconciliation.Raise {

  private final ClusterSharding sharding;
  private final Duration askTimeout;

  public SettlementBatchClient(ClusterSharding sharding, Duration askTimeout) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  /** Raises findings in their batches (one ask per batch); those raised before stay as they are. */
  @Override
  public CompletionStage<Done> raise(List<Finding> findings) {
    Map<String, List<Finding>> byBatch = new LinkedHashMap<>();
    findings.forEach(f -> byBatch.computeIfAbsent(SettlementBatch.keyOf(f), k -> new java.util.ArrayList<>()).add(f));
    CompletableFuture<?>[] asks = byBatch.entrySet().stream()
        .map(e -> this.<Done>ask(e.getKey(), r -> new SettlementBatch.Raise(List.copyOf(e.getValue()), r))
            .toCompletableFuture())
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(asks).thenApply(done -> Done.getInstance());
  }

  public CompletionStage<SettlementBatch.View> get(String batchKey) {
    return ask(batchKey, SettlementBatch.Get::new);
  }

  public CompletionStage<SettlementBatch.View> resolve(String batchKey, String findingId,
      String resolvedBy, String reason) {
    return ask(batchKey, r -> new SettlementBatch.Resolve(findingId, resolvedBy, reason, r));
  }

  /** The deadline scheduler's wake-up: answered once the batch journaled what came. */
  public CompletionStage<Done> deadlineReached(String batchKey) {
    return sharding.entityRefFor(SettlementBatch.ENTITY_KEY, batchKey)
        .ask(SettlementBatch.DeadlineReached::new, askTimeout);
  }

  private <T> CompletionStage<T> ask(
      String batchKey, Function<ActorRef<StatusReply<T>>, SettlementBatch.Command> command) {
    return AskFailure.typing(sharding.entityRefFor(SettlementBatch.ENTITY_KEY, batchKey)
        .askWithStatus(command::apply, askTimeout));
  }
}
