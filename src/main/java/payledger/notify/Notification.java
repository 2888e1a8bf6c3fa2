package payledger.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import payledger.order.Receipt;

/**
 * One customer notification, as the outbox holds it: everything needed to render and send it, so
 * delivery never asks the entity.
 *
 * @param id the business id (e.g. {@code receipt:order-1}, {@code payment:order-1:stripe:evt_1}):
 *     a replayed or redelivered event maps to the same id, and finds the row already there
 * @param subjectId what it is about within the order or case (receipt number, discrepancy id, …)
 * @param disputeId the case it is about, or null for an order notification
 * @param channels in order of preference; delivery falls back along them
 * @param fields the template's values, already formatted
 * @param receipt for {@link NotificationKind#RECEIPT}, else null
 * @param phone the customer's number in E.164 for the SMS channel, or null
 */
public record Notification(
    String id,
    NotificationKind kind,
    String orderId,
    String disputeId,
    String subjectId,
    String customerId,
    String email,
    String locale,
    List<Channel> channels,
    Map<String, String> fields,
    Receipt receipt,
    Instant createdAt,
    String phone) {

  /** Ids of the notices that tell a customer of a discrepancy, whatever their kind. */
  static final String DISCREPANCY_PREFIX = "discrepancy:";

  public Notification {
    channels = List.copyOf(channels);
    fields = Map.copyOf(fields);
  }

  /** A notification to a customer without a phone number. */
  public Notification(String id, NotificationKind kind, String orderId, String disputeId,
      String subjectId, String customerId, String email, String locale, List<Channel> channels,
      Map<String, String> fields, Receipt receipt, Instant createdAt) {
    this(id, kind, orderId, disputeId, subjectId, customerId, email, locale, channels, fields,
        receipt, createdAt, null);
  }

  /**
   * A notice of a discrepancy to its customer: a discrepancy notice, or an underpayment's payment
   * update. Its delivery is reported to the order (the 24 h notice target and its SLA).
   */
  public boolean aboutDiscrepancy() {
    return id.startsWith(DISCREPANCY_PREFIX);
  }
}
