package payledger.http;

import java.time.Instant;
import java.util.List;
import payledger.notify.Merchant;
import payledger.order.Invoice;
import payledger.order.Receipt;

/** The JSON of a receipt: the receipt as issued, with the merchant named on it. */
record ReceiptResponse(
    String number,
    String orderId,
    String customerId,
    String customerEmail,
    String locale,
    String currency,
    List<Receipt.Line> items,
    long shipping,
    List<Invoice.Charge> taxes,
    List<Invoice.Charge> discounts,
    List<Receipt.Line> adjustments,
    long totalDue,
    long refunded,
    long totalPaid,
    List<Receipt.Payment> payments,
    Instant paidAt,
    Instant issuedAt,
    Merchant merchant) {

  static ReceiptResponse from(Receipt r, Merchant merchant) {
    return new ReceiptResponse(r.number(), r.orderId(), r.customerId(), r.customerEmail(),
        r.locale(), r.currency(), r.items(), r.shipping(), r.taxes(), r.discounts(),
        r.adjustments(), r.totalDue(), r.refunded(), r.totalPaid(), r.payments(), r.paidAt(),
        r.issuedAt(), merchant);
  }
}
