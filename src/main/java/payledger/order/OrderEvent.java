package payledger.order;

import java.time.Instant;
import payledger.CborSerializable;

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

  /** Payments that came without an order reference were linked by support to {@code linkedTo}. */
  record PaymentsLinked(String orderId, String linkedTo, String linkedBy, Instant linkedAt)
      implements OrderEvent {}
}
