package payledger.order;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import payledger.money.Money;
import payledger.serialization.CborSerializable;

/**
 * One discrepancy on an order, open or closed.
 *
 * @param subject what it is about within the order: {@code "order"} for the order as a whole, or
 *     the {@code gateway:eventId} key of the payment event at fault
 * @param expected what the invoice called for; null where nothing was expected (unlinked money)
 * @param actual what the payments show
 * @param payments keys of the payment events involved
 * @param detail a sentence for people, e.g. "expected card, paid with paypal"
 * @param resolution null while open
 */
public record Discrepancy(
    String id,
    DiscrepancyType type,
    String subject,
    Money expected,
    Money actual,
    List<String> payments,
    String detail,
    Instant detectedAt,
    Instant customerNotifyBy,
    Instant resolveBy,
    Resolution resolution,
    String resolvedBy,
    String note,
    Instant resolvedAt)
    implements CborSerializable {

  public boolean isOpen() {
    return resolution == null;
  }

  boolean isManuallyResolved() {
    return resolution != null && resolution != Resolution.AUTO_MATCHED;
  }

  Discrepancy resolved(Resolution how, String by, String why, Instant at) {
    return new Discrepancy(id, type, subject, expected, actual, payments, detail, detectedAt,
        customerNotifyBy, resolveBy, how, by, why, at);
  }

  /** Whether this discrepancy describes the given finding (same kind, subject and amounts). */
  boolean describes(Reconciliation.Finding finding) {
    return type == finding.type() && subject.equals(finding.subject())
        && Objects.equals(expected, finding.expected())
        && Objects.equals(actual, finding.actual());
  }

  boolean sameKey(Reconciliation.Finding finding) {
    return type == finding.type() && subject.equals(finding.subject());
  }
}
