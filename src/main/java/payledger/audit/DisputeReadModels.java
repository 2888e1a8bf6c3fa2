package payledger.audit;

import static payledger.readmodel.ReadModelRows.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import payledger.audit.EntityCheck.Difference;
import payledger.dispute.DisputeCase;
import payledger.readmodel.DisputeRow;
import payledger.readmodel.KpiFact;
import payledger.readmodel.KpiFacts;
import payledger.readmodel.OrderRow;
import payledger.readmodel.ReadModelRows;

/**
 * A case's read models against its replayed state: the fold, its row in the active list or, once
 * resolved, in the closed list and no longer active, its row under its order, and its KPI fact.
 * The fact's payment method and gateway, and the rows' gateway, are not compared: the projection
 * takes them from the order read model when it writes them, not from the case's journal.
 */
final class DisputeReadModels {

  private static final Set<String> ORDER_ATTRIBUTION = Set.of("method", "gateway");
  private static final Set<String> ROW_ATTRIBUTION = Set.of("gateway");

  private final ReadModelRows rows;

  DisputeReadModels(ReadModelRows rows) {
    this.rows = rows;
  }

  CompletionStage<List<Difference>> compare(DisputeCase replayed, DisputeCase fold) {
    List<CompletionStage<List<Difference>>> parts = new ArrayList<>();
    parts.add(CompletableFuture.completedFuture(new Differences()
        .row(ReadModelCheck.DISPUTE_VIEW, replayed, fold, Set.of("lastHash")).list()));
    DisputeRow row = DisputeRow.of(replayed, null);
    if (row != null) {
      if (row.isActive()) {
        if (row.resolveBy() != null) {
          parts.add(rows.activeDispute(row).thenApply(kept ->
              new Differences().row(ACTIVE_DISPUTES, row, kept.orElse(null), ROW_ATTRIBUTION).list()));
        }
      } else {
        parts.add(rows.closedDispute(row).thenApply(kept ->
            new Differences().row(CLOSED_DISPUTES, row, kept.orElse(null), ROW_ATTRIBUTION).list()));
        if (row.resolveBy() != null) {
          parts.add(rows.activeDispute(row).thenApply(kept -> kept.isEmpty() ? List.of()
              : List.of(new Difference(ACTIVE_DISPUTES, Difference.ROW,
                  "absent (resolved " + Differences.show(row.resolvedAt()) + ")",
                  "present: still in the active list"))));
        }
      }
      if (row.orderId() != null) {
        parts.add(rows.disputeOfOrder(row).thenApply(kept ->
            new Differences().row(DISPUTES_BY_ORDER, row, kept.orElse(null), ROW_ATTRIBUTION).list()));
      }
    }
    for (KpiFact fact : KpiFacts.of(replayed, OrderRow.NONE, OrderRow.NONE)) {
      parts.add(rows.fact(fact).thenApply(kept -> new Differences()
          .row(KPI_FACTS, fact, kept.orElse(null), ORDER_ATTRIBUTION).list()));
    }
    return ReadModelCheck.all(parts);
  }
}
