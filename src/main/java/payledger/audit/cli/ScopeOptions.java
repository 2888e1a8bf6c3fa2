package payledger.audit.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import payledger.audit.AuditedEntity;
import payledger.audit.Scope;
import picocli.CommandLine.Option;

/** One order, one dispute, one settlement batch, a time range, or (nothing given) everything. */
final class ScopeOptions {

  @Option(names = "--order", description = "one order's journal")
  String orderId;

  @Option(names = "--dispute", description = "one dispute's journal")
  String disputeId;

  @Option(names = "--batch", paramLabel = "GATEWAY/BATCH",
      description = "one settlement payout batch's journal (e.g. adyen/PayledgerShop:2041)")
  String batch;

  @Option(names = "--from", description = "range start, ISO-8601 (e.g. 2026-11-01T00:00:00Z)")
  Instant from;

  @Option(names = "--to", description = "range end (exclusive), ISO-8601")
  Instant to;

  Scope scope() {
    int given = (orderId != null ? 1 : 0) + (disputeId != null ? 1 : 0) + (batch != null ? 1 : 0)
        + (from != null || to != null ? 1 : 0);
    if (given > 1) {
      throw new IllegalArgumentException("give one of --order, --dispute, --batch, or --from/--to");
    }
    return orderId != null ? Scope.entity(AuditedEntity.ORDERS.entityType(), orderId)
        : disputeId != null ? Scope.entity(AuditedEntity.DISPUTES.entityType(), disputeId)
        : batch != null ? Scope.entity(AuditedEntity.SETTLEMENT_BATCHES.entityType(), batch)
        : Scope.range(from, to);
  }

  /** The body of POST /v1/audit/verify. */
  ObjectNode body() {
    scope();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (orderId != null) {
      body.put("orderId", orderId);
    }
    if (disputeId != null) {
      body.put("disputeId", disputeId);
    }
    if (batch != null) {
      body.put("settlementBatch", batch);
    }
    if (from != null) {
      body.put("from", from.toString());
    }
    if (to != null) {
      body.put("to", to.toString());
    }
    return body;
  }
}
