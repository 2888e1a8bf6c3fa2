package payledger.order;

import java.util.Collection;
import java.util.Locale;
import payledger.money.Money;

/**
 * The reconciliation arithmetic, free of actors and I/O: {@code due} from the invoice,
 * {@code net paid = succeeded − refunded − charged back + reinstated}, and the status they give.
 * Only events in the invoice currency count towards money; any other currency is a mismatch.
 */
public final class Reconciliation {

  private Reconciliation() {}

  /** The money picture of one order. {@code balance = due − netPaid}: positive means still owed. */
  public record Totals(
      Money due,
      Money paid,
      Money refunded,
      Money chargedBack,
      Money netPaid,
      Money balance) {}

  public record Assessment(OrderStatus status, Totals totals) {}

  public static Assessment assess(Invoice invoice, Collection<PaymentEvent> payments) {
    Totals totals = totals(invoice, payments);
    boolean mismatch =
        payments.stream().anyMatch(p -> isForeignCurrency(invoice, p) || isUnexpectedMethod(invoice, p));
    return new Assessment(status(totals, mismatch), totals);
  }

  public static Totals totals(Invoice invoice, Collection<PaymentEvent> payments) {
    Money zero = Money.zero(invoice.currency());
    Money paid = zero;
    Money refunded = zero;
    Money chargedBack = zero;
    for (PaymentEvent p : payments) {
      if (isForeignCurrency(invoice, p)) {
        continue;
      }
      switch (p.type()) {
        case SUCCEEDED -> paid = paid.plus(p.amount());
        case REFUNDED -> refunded = refunded.plus(p.amount());
        case CHARGEBACK -> chargedBack = chargedBack.plus(p.amount());
        case CHARGEBACK_REVERSED -> chargedBack = chargedBack.minus(p.amount());
        case AUTHORIZED, FAILED, NOTICE -> { }
      }
    }
    Money due = invoice.total();
    Money netPaid = paid.minus(refunded).minus(chargedBack);
    return new Totals(due, paid, refunded, chargedBack, netPaid, due.minus(netPaid));
  }

  static OrderStatus status(Totals totals, boolean mismatch) {
    if (mismatch || totals.netPaid().value() < 0) {
      return OrderStatus.DISCREPANCY;
    }
    int cmp = totals.netPaid().compareTo(totals.due());
    if (cmp == 0) {
      return OrderStatus.RECONCILED;
    }
    if (cmp > 0) {
      return OrderStatus.OVERPAID;
    }
    return totals.netPaid().value() == 0 ? OrderStatus.AWAITING_PAYMENT : OrderStatus.PARTIALLY_PAID;
  }

  /** Only events that move money can be in the wrong currency; a failed attempt moved nothing. */
  private static boolean isForeignCurrency(Invoice invoice, PaymentEvent p) {
    return movesMoney(p) && !p.amount().currency().equals(invoice.currency());
  }

  private static boolean isUnexpectedMethod(Invoice invoice, PaymentEvent p) {
    String expected = invoice.expectedPaymentMethod();
    return expected != null
        && p.type() == PaymentEventType.SUCCEEDED
        && !normalizeMethod(expected).equals(normalizeMethod(p.method()));
  }

  private static boolean movesMoney(PaymentEvent p) {
    return p.type() != PaymentEventType.AUTHORIZED
        && p.type() != PaymentEventType.FAILED
        && p.type() != PaymentEventType.NOTICE;
  }

  static String normalizeMethod(String method) {
    return method == null ? "" : method.trim().toLowerCase(Locale.ROOT);
  }
}
