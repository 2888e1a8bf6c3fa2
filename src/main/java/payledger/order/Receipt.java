package payledger.order;

import java.time.Instant;
import java.util.List;
import payledger.serialization.CborSerializable;

/**
 * The receipt of a fully paid order, as issued once by its {@link OrderLedger}: every amount in
 * minor units of {@link #currency}. JSON, HTML and PDF are all rendered from this one record, and
 * the merchant's details are added from configuration at rendering.
 *
 * @param number unique and stable: a resend or a re-render shows the same number
 * @param refunded refunds and lost chargebacks, already taken off {@code totalPaid}
 * @param adjustments signed invoice adjustments (support credits and fees), part of the total due
 * @param paidAt when the payment that settled the order happened at the gateway
 */
public record Receipt(
    String number,
    String orderId,
    String customerId,
    String customerEmail,
    String locale,
    String currency,
    List<Line> items,
    long shipping,
    List<Invoice.Charge> taxes,
    List<Invoice.Charge> discounts,
    List<Line> adjustments,
    long totalDue,
    long refunded,
    long totalPaid,
    List<Payment> payments,
    Instant paidAt,
    Instant issuedAt)
    implements CborSerializable {

  /** An invoice line, or an adjustment (quantity 1, signed amount, its reason as description). */
  public record Line(String sku, String description, long quantity, long unitPrice, long total)
      implements CborSerializable {}

  /**
   * One captured payment.
   *
   * @param reference the gateway's payment id (Stripe {@code pi_…}, Adyen PSP reference)
   * @param card the card it was paid with, when the gateway said (null in receipts issued before
   *     payments carried it, and for other methods)
   */
  public record Payment(
      String gateway, String reference, String method, long amount, Instant occurredAt,
      PaymentEvent.Card card)
      implements CborSerializable {

    /** A payment without card details. */
    public Payment(String gateway, String reference, String method, long amount, Instant occurredAt) {
      this(gateway, reference, method, amount, occurredAt, null);
    }
  }

  public Receipt {
    items = List.copyOf(items);
    taxes = List.copyOf(taxes);
    discounts = List.copyOf(discounts);
    adjustments = List.copyOf(adjustments);
    payments = List.copyOf(payments);
  }

  /** The number of the receipt of an order: one receipt per order, so the order id makes it unique. */
  public static String numberFor(String orderId) {
    return "R-" + orderId;
  }
}
