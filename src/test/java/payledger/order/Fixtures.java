package payledger.order;

import java.time.Instant;
import java.util.List;
import payledger.money.Money;

/** Invoices and gateway events for tests, in the shapes the OMS and gateways send. */
public final class Fixtures {

  public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private Fixtures() {}

  /** 2 × 12.50 + 4.95 shipping + 5.95 VAT − 5.00 discount = 30.90 EUR, paid by card. */
  public static Invoice invoice() {
    return new Invoice(
        "cust-1",
        "ada@example.com",
        "EUR",
        List.of(new Invoice.LineItem("SKU-MUG", "Mug", 2, 1250)),
        495,
        List.of(new Invoice.Charge("VAT", 595)),
        List.of(new Invoice.Charge("WELCOME5", 500)),
        "card");
  }

  public static final long DUE = 3090;

  public static PaymentEvent event(String eventId, PaymentEventType type, long amount) {
    return event(eventId, type, amount, "EUR", "card");
  }

  /** Each event is about its own payment ({@code pi_<eventId>}) unless re-targeted. */
  public static PaymentEvent event(
      String eventId, PaymentEventType type, long amount, String currency, String method) {
    return new PaymentEvent(
        eventId,
        "stripe",
        type,
        "order-1",
        "pi_" + eventId,
        new Money(amount, currency),
        method,
        T0.plusSeconds(60),
        "cust-1",
        type == PaymentEventType.FAILED ? "card_declined" : null);
  }
}
