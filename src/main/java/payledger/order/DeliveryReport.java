package payledger.order;

import java.time.Instant;
import java.util.List;
import payledger.serialization.CborSerializable;

/**
 * How a customer notification ended, as the delivery worker reports it to the order or dispute it
 * is about: the durable fact the 24 h targets (receipt sent, customer told) are measured from.
 *
 * @param notificationId the notification's business id; a repeated report has no second effect
 * @param kind e.g. RECEIPT, PAYMENT_CONFIRMED, DISCREPANCY_NOTICE
 * @param subjectId what it was about within the order: the receipt number, a discrepancy id, a
 *     payment event key; null when it is the case itself
 * @param channel the channel that delivered it, or null when every channel failed
 * @param attempts every attempt, on every channel
 * @param failures the failed attempts, one sentence each ("EMAIL attempt 2: connection refused")
 */
public record DeliveryReport(
    String notificationId,
    String kind,
    String subjectId,
    String channel,
    boolean delivered,
    int attempts,
    List<String> failures,
    Instant queuedAt,
    Instant at)
    implements CborSerializable {

  public DeliveryReport {
    failures = failures == null ? List.of() : List.copyOf(failures);
  }
}
