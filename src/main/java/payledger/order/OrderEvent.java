package payledger.order;

import java.time.Instant;
import payledger.serialization.CborSerializable;

/**
 * The events of an {@link OrderLedger}. Every event names its order so projections never parse
 * persistence ids.
 */
public sealed interface OrderEvent extends CborSerializable {
  String orderId();

  record OrderRegistered(String orderId, Invoice invoice, Instant registeredAt)
      implements OrderEvent {}

  record PaymentRecorded(String orderId, PaymentEvent payment, Instant recordedAt)
      implements OrderEvent {}

  record InvoiceAdjusted(String orderId, Adjustment adjustment) implements OrderEvent {}

  record DiscrepancyOpened(String orderId, Discrepancy discrepancy) implements OrderEvent {}

  record DiscrepancyResolved(
      String orderId,
      String discrepancyId,
      Resolution resolution,
      String resolvedBy,
      String note,
      Instant resolvedAt)
      implements OrderEvent {}

  /** A dispute or payment issue about this order was opened. */
  record DisputeNoted(String orderId, String disputeId, String category, Instant at)
      implements OrderEvent {}

  /**
   * A dispute's resolution reached the order: an INVOICE_ADJUSTMENT changes what is due; a REFUND
   * or PAYMENT_RETRY is an instruction to carry out at the gateway (the money moves when the
   * gateway reports it).
   */
  record DisputeResolutionApplied(String orderId, GatewayInstruction instruction)
      implements OrderEvent {}

  /** Payments that came without an order reference were linked by support to {@code linkedTo}. */
  record PaymentsLinked(String orderId, String linkedTo, String linkedBy, Instant linkedAt)
      implements OrderEvent {}

  /**
   * The order became fully paid (reconciled) for the first time: its receipt, issued once. A
   * receipt that did not pass {@link Receipts#check} carries the mismatches and is never sent.
   */
  record ReceiptIssued(String orderId, Receipt receipt, java.util.List<String> mismatches)
      implements OrderEvent {}

  /**
   * Support asked to send the receipt again, through {@code channel} (null: the customer's). It
   * carries the receipt as issued, so the resend shows the same number and content.
   */
  record ReceiptResendRequested(String orderId, String notificationId, String channel,
      String requestedBy, Instant at, Receipt receipt) implements OrderEvent {}

  /** The receipt reached the customer (a first send or a resend). */
  record ReceiptDelivered(String orderId, DeliveryReport report) implements OrderEvent {}

  /** Another notification about the order reached the customer. */
  record CustomerNotified(String orderId, DeliveryReport report) implements OrderEvent {}

  /** A notification (the receipt or another) failed on every channel the customer has. */
  record NotificationFailed(String orderId, DeliveryReport report) implements OrderEvent {}

  /**
   * An SLA moment of an open discrepancy passed ({@link DiscrepancySla}): a warning, or a breach
   * that raised the discrepancy's escalation to {@code escalation} (0-2). It names the
   * discrepancy's type, for the metrics and the reports.
   *
   * @param dueAt when the moment was due; {@code at} when it was journaled
   */
  record DiscrepancyDeadlinePassed(String orderId, String discrepancyId, DiscrepancyType type,
      DiscrepancyDeadline deadline, Instant dueAt, int escalation, Instant at)
      implements OrderEvent {}
}
