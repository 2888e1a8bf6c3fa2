package payledger.audit;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import payledger.dispute.DisputeCase;
import payledger.order.OrderState;
import payledger.readmodel.ReadModelRows;
import payledger.readmodel.ReadModelStore;
import payledger.readmodel.ReadSide;

/**
 * The replayed journal against the read models the projections keep (payledger.readmodel): the
 * projection's own fold of the entity, the list rows (orders by hour, status and customer; the open
 * and resolved discrepancy queues; active and closed cases, an order's cases) and the KPI facts,
 * field by field against what the projection writes for the replayed state ({@link
 * OrderReadModels}, {@link DisputeReadModels}).
 *
 * <p>Projection lag: the fold holds the sequence number it is at. Below the replay's last event
 * the entity is reported behind and not compared; equal, it is compared; above, the read model saw
 * events the journal no longer holds (a deleted tail: a mismatch), unless the entity was written
 * to while it was verified. A difference counts only when the journal still ends where the replay
 * ended; otherwise the entity changed meanwhile and is reported behind.
 */
public final class ReadModelCheck implements EntityCheck {

  static final String ORDER_VIEW = "rm_order_view";
  static final String DISPUTE_VIEW = "rm_dispute_view";

  private final ActorSystem<?> system;
  private final CassandraJournal journal;
  private final ReadModelStore store;
  private final OrderReadModels orders;
  private final DisputeReadModels disputes;

  ReadModelCheck(ActorSystem<?> system, CassandraJournal journal, ReadModelStore store,
      ReadModelRows rows) {
    this.system = system;
    this.journal = journal;
    this.store = store;
    this.orders = new OrderReadModels(store, rows);
    this.disputes = new DisputeReadModels(rows);
  }

  /** On the journal's own keyspace, where the projections write. */
  static ReadModelCheck create(ActorSystem<?> system, CassandraJournal journal) {
    ReadSide side = ReadSide.of(system);
    return new ReadModelCheck(system, journal, side.store(),
        new ReadModelRows(side.session(), side.keyspace()));
  }

  @Override
  public Kind kind() {
    return Kind.READ_MODEL;
  }

  @Override
  public String name() {
    return "read models";
  }

  @Override
  public CompletionStage<Result> check(VerifiedEntity<?, ?> entity) {
    String id = entity.entityId();
    if (entity.entity() == AuditedEntity.ORDERS) {
      OrderState replayed = (OrderState) entity.state();
      return store.orderView(id).thenCompose(view -> atTheSameEvent(entity, ORDER_VIEW, view,
          fold -> orders.compare(replayed, fold)));
    }
    if (entity.entity() == AuditedEntity.VENDORS) {
      return CompletableFuture.completedFuture(Result.agree()); // no read model of vendors yet
    }
    if (entity.entity() == AuditedEntity.SETTLEMENT_BATCHES) {
      return CompletableFuture.completedFuture(Result.agree()); // a batch is read from the entity itself
    }
    DisputeCase replayed = (DisputeCase) entity.state();
    return store.disputeView(id).thenCompose(view -> atTheSameEvent(entity, DISPUTE_VIEW, view,
        fold -> disputes.compare(replayed, fold)));
  }

  private <S> CompletionStage<Result> atTheSameEvent(VerifiedEntity<?, ?> entity, String viewTable,
      Optional<ReadModelStore.Stored<S>> view, Function<S, CompletionStage<List<Difference>>> compare) {
    long replayedTo = entity.lastSeqNr();
    if (view.isEmpty()) {
      return done(Result.behind("not projected yet: " + viewTable + " holds no fold of it (the"
          + " journal is at event " + replayedTo + ")"));
    }
    long at = view.get().seqNr();
    if (at < replayedTo) {
      return done(Result.behind("the read model is at event " + at + ", the journal at "
          + replayedTo));
    }
    if (at > replayedTo) {
      return journalEnd(entity).thenApply(end -> end >= at ? changedMeanwhile(replayedTo, end)
          : Result.differ(List.of(new Difference(viewTable, "seqNr", "at most " + replayedTo
              + " (the journal's last event)", at + " (the read model saw events the journal no"
              + " longer holds)"))));
    }
    return compare.apply(view.get().state()).thenCompose(differences -> differences.isEmpty()
        ? done(Result.agree())
        : journalEnd(entity).thenApply(end -> end > replayedTo ? changedMeanwhile(replayedTo, end)
            : Result.differ(differences)));
  }

  private static Result changedMeanwhile(long replayedTo, long end) {
    return Result.behind("written to while verified (replayed to event " + replayedTo
        + ", the journal is now at " + end + "): verify it again");
  }

  /** The entity's last sequence number as the journal holds it now. */
  private CompletionStage<Long> journalEnd(VerifiedEntity<?, ?> entity) {
    return journal.entity(entity.persistenceId())
        .runWith(Sink.fold(0L, (last, row) -> Math.max(last, row.seqNr())), system);
  }

  private static CompletionStage<Result> done(Result result) {
    return CompletableFuture.completedFuture(result);
  }

  /** Every part's differences, once all are in. */
  static CompletionStage<List<Difference>> all(List<CompletionStage<List<Difference>>> parts) {
    List<CompletableFuture<List<Difference>>> futures =
        parts.stream().map(CompletionStage::toCompletableFuture).toList();
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(v -> futures.stream().flatMap(f -> f.join().stream()).toList());
  }
}
