package payledger.readmodel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import payledger.money.Money;

/**
 * The facts of one item the reconciliation report counts: an order, a received payment, a
 * discrepancy, a case or a vendor's payout period. One row per item, in the partition of the UTC
 * day, hour and shard it started in ({@link #SHARDS});
 * rewriting it with the same facts changes nothing, so redelivered events never count twice.
 *
 * @param category the discrepancy type, or the case kind (DISPUTE / PAYMENT_ISSUE); for a payment
 *     event its outcome when it is not a success ({@link KpiFacts#FAILED}, {@link KpiFacts#DECLINED},
 *     {@link KpiFacts#REFUNDED}, {@link KpiFacts#CHARGEBACK}); else null
 * @param ackAt when the first response happened (case acknowledged; discrepancy customer
 *     notified), null while it has not; {@code ackDue} its deadline, null when not measured
 * @param doneAt when the item was settled (case or discrepancy resolved; order's receipt sent),
 *     null while it is not; {@code doneDue} its deadline, null when not measured
 * @param flags facts without a time, the names of {@link Flag}s
 * @param csat the customer's rating (1-5) of a case, or null
 * @param amount the money of a payment event (captured, failed, refunded, charged back); else null
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
    Integer csat,
    Money amount) {

  public enum Kind {
    ORDER,
    PAYMENT,
    DISCREPANCY,
    CASE,
    /** A vendor's scheduled payout period (one currency, one payout day): vendor/PayoutPeriods. */
    PAYOUT_PERIOD
  }

  /** The facts without a time an item may have; stored by name in {@code rm_kpi_facts_shard.flags}. */
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
    /**
     * A case escalated at least once (by an agent or a missed deadline); a discrepancy escalated
     * by a missed notice or resolution deadline.
     */
    ESCALATED,
    /** A case resolved with no round trip to the customer and no escalation. */
    FIRST_CONTACT,
    /** An order whose receipt was issued but withheld: it did not match the order and payments. */
    RECEIPT_WITHHELD,
    /** An order whose receipt's automatic send reached the customer on the first channel tried. */
    RECEIPT_FIRST_CHANNEL,
    /** An order whose receipt's automatic send reached the customer on a later channel. */
    RECEIPT_AFTER_FALLBACK,
    /** An order whose receipt's automatic send failed on every channel the customer has. */
    RECEIPT_NOT_DELIVERED,
    /** A case opened by or for a marketplace vendor about its payouts (source VENDOR). */
    VENDOR,
    /** A payout period paid within its window, with no payout discrepancy. */
    PAYOUT_ON_TIME_AND_CORRECT,
    /** A payout period with a payout discrepancy: short, excess, missing or failed. */
    PAYOUT_FAULTY,
    /** A payout day on which nothing was owed: no payout expected, not counted. */
    PAYOUT_NOTHING_DUE
  }

  /**
   * A day's facts are in one partition per hour they started in and {@link Shards shard} of that
   * hour (shard = hour × {@link Shards#COUNT} + the slice of the hour), so tallies start from partitions
   * of bounded size: an hour at 1,000 orders/s holds ~7.3 M facts, a shard of it ~450 k.
   */
  public static final int SHARDS = 24 * Shards.COUNT;

  public KpiFact {
    flags = Set.copyOf(flags);
  }

  public static int shardOf(Instant startedAt) {
    return startedAt.atZone(ZoneOffset.UTC).getHour() * Shards.COUNT + Shards.of(startedAt);
  }

  public boolean has(Flag flag) {
    return flags.contains(flag.name());
  }

  /**
   * The {@code amount} and {@code currency} columns of {@code rm_kpi_facts_shard}, none without an
   * amount (an amount is only ever set, so a missing one is left out of the insert).
   */
  public Map<String, Object> amountColumns() {
    Map<String, Object> columns = new LinkedHashMap<>();
    if (amount != null) {
      columns.put("amount", amount.value());
      columns.put("currency", amount.currency());
    }
    return columns;
  }

  /** The row key: two facts with the same key are the same item. */
  public String key() {
    return day + "|" + shard + "|" + kind + "|" + itemId;
  }
}
