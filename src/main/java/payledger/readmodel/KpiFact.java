package payledger.readmodel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * The facts of one item the reconciliation report counts: an order, a received payment, a
 * discrepancy or a case. One row per item, in the partition of the UTC day and hour it started;
 * rewriting it with the same facts changes nothing, so redelivered events never count twice.
 *
 * @param category the discrepancy type, or the case kind (DISPUTE / PAYMENT_ISSUE); else null
 * @param ackAt when the first response happened (case acknowledged; discrepancy customer
 *     notified), null while it has not; {@code ackDue} its deadline, null when not measured
 * @param doneAt when the item was settled (case or discrepancy resolved; order's receipt sent),
 *     null while it is not; {@code doneDue} its deadline, null when not measured
 * @param flags facts without a time, the names of {@link Flag}s
 * @param csat the customer's rating (1-5) of a case, or null
 */
public record KpiFact(
    String day,
    int shard,
    Kind kind,
    String itemId,
    String method,
    String gateway,
    String category,
    Instant startedAt,
    Instant ackAt,
    Instant ackDue,
    Instant doneAt,
    Instant doneDue,
    Set<String> flags,
    Integer csat) {

  public enum Kind {
    ORDER,
    PAYMENT,
    DISCREPANCY,
    CASE
  }

  /** The facts without a time an item may have; stored by name in {@code rm_kpi_facts.flags}. */
  public enum Flag {
    /** An order whose net paid equals its due. */
    RECONCILED,
    /** An order reconciled with no adjustment and no manual resolution on the way. */
    AUTO_RECONCILED,
    /**
     * An order that cannot be judged yet: nothing paid and no discrepancy raised so far. The ledger
     * decides it when the payment grace ends (MISSING_PAYMENT or FAILED_PAYMENT) or money arrives.
     */
    AWAITING_PAYMENT,
    /** A case escalated at least once (by an agent or a missed deadline). */
    ESCALATED,
    /** A case resolved with no round trip to the customer and no escalation. */
    FIRST_CONTACT
  }

  /**
   * A day's facts are in one partition per hour they started in, so the aggregator recomputes the
   * hours that changed (mostly the current one), not the whole day, and no partition grows large.
   */
  public static final int SHARDS = 24;

  public KpiFact {
    flags = Set.copyOf(flags);
  }

  public static int shardOf(Instant startedAt) {
    return startedAt.atZone(ZoneOffset.UTC).getHour();
  }

  public boolean has(Flag flag) {
    return flags.contains(flag.name());
  }

  /** The row key: two facts with the same key are the same item. */
  public String key() {
    return day + "|" + shard + "|" + kind + "|" + itemId;
  }
}
