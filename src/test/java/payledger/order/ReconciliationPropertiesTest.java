package payledger.order;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.order.PaymentEventType.*;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import payledger.money.Money;

/** Properties of due / net-paid arithmetic that must hold for any invoice and event history. */
class ReconciliationPropertiesTest {

  @Provide
  Arbitrary<Invoice> invoices() {
    Arbitrary<Invoice.LineItem> item =
        Combinators.combine(
                Arbitraries.longs().between(1, 1_000), Arbitraries.longs().between(0, 1_000_000))
            .as((qty, price) -> new Invoice.LineItem("SKU", null, qty, price));
    return Combinators.combine(
            item.list().ofMinSize(1).ofMaxSize(20),
            Arbitraries.longs().between(0, 10_000),
            Arbitraries.longs().between(0, 100_000))
        .as(
            (items, shipping, tax) ->
                new Invoice("c", "c@example.com", "EUR", items, shipping,
                    List.of(new Invoice.Charge("VAT", tax)), List.of(), "card"));
  }

  @Provide
  Arbitrary<List<PaymentEvent>> histories() {
    Arbitrary<PaymentEvent> event =
        Combinators.combine(
                Arbitraries.of(PaymentEventType.values()),
                Arbitraries.longs().between(0, 5_000_000),
                Arbitraries.of("p1", "p2", "p3", "p4"))
            .as(ReconciliationPropertiesTest::payment);
    return event.list().ofMaxSize(30);
  }

  @Property
  void totalsAndMoneyStatusDoNotDependOnTheOrderEventsArrivedIn(
      @ForAll("invoices") Invoice invoice,
      @ForAll("histories") List<PaymentEvent> history,
      @ForAll long seed) {
    List<PaymentEvent> shuffled = new ArrayList<>(history);
    Collections.shuffle(shuffled, new Random(seed));

    assertEquals(Reconciliation.totals(facts(invoice, history)),
        Reconciliation.totals(facts(invoice, shuffled)));
    assertEquals(Reconciliation.moneyStatus(facts(invoice, history)),
        Reconciliation.moneyStatus(facts(invoice, shuffled)));
  }

  @Property
  void totalsAreConsistent(
      @ForAll("invoices") Invoice invoice, @ForAll("histories") List<PaymentEvent> history) {
    Reconciliation.Totals t = Reconciliation.totals(facts(invoice, history));

    assertEquals(t.paid().minus(t.refunded()).minus(t.chargedBack()), t.netPaid());
    assertEquals(t.due().minus(t.netPaid()), t.balance());
    assertEquals(capturedOncePerPayment(history), t.paid().value());
    assertEquals(sum(history, REFUNDED), t.refunded().value());
    assertEquals(sum(history, CHARGEBACK) - sum(history, CHARGEBACK_REVERSED), t.chargedBack().value());
  }

  @Property
  void aCaptureReportedAgainUnderAnotherEventIdChangesNothing(
      @ForAll("invoices") Invoice invoice,
      @ForAll("histories") List<PaymentEvent> history,
      @ForAll @IntRange(min = 0, max = 29) int which) {
    List<PaymentEvent> captures = history.stream().filter(p -> p.type() == SUCCEEDED).toList();
    if (captures.isEmpty()) {
      return;
    }
    PaymentEvent original = captures.get(which % captures.size());
    List<PaymentEvent> again = new ArrayList<>(history);
    again.add(new PaymentEvent(original.eventId() + "-again", original.gateway(), SUCCEEDED,
        original.orderId(), original.paymentId(), original.amount(), original.method(),
        original.occurredAt(), null, null));

    assertEquals(Reconciliation.totals(facts(invoice, history)),
        Reconciliation.totals(facts(invoice, again)));
  }

  @Property
  void dueIsItemsPlusShippingPlusTaxesMinusDiscounts(@ForAll("invoices") Invoice invoice) {
    BigInteger expected = BigInteger.valueOf(invoice.shipping());
    for (Invoice.LineItem i : invoice.items()) {
      expected = expected.add(BigInteger.valueOf(i.quantity()).multiply(BigInteger.valueOf(i.unitPrice())));
    }
    for (Invoice.Charge tax : invoice.taxes()) {
      expected = expected.add(BigInteger.valueOf(tax.amount()));
    }
    assertEquals(expected.longValueExact(), invoice.total().value());
  }

  @Property
  void anInvoiceTooLargeForALongThrowsRatherThanWraps(
      @ForAll @LongRange(min = 2, max = 1_000_000) long quantity) {
    Invoice huge =
        new Invoice("c", "c@example.com", "EUR",
            List.of(new Invoice.LineItem("SKU", null, quantity, Long.MAX_VALUE / 2 + 1)),
            0, List.of(), List.of(), null);
    assertThrows(ArithmeticException.class, huge::total);
  }

  @Property
  void aFullyPaidOrderInItsCurrencyAndMethodIsAlwaysReconciledWithNoFinding(
      @ForAll("invoices") Invoice invoice,
      @ForAll @IntRange(min = 1, max = 10) int parts,
      @ForAll @LongRange(min = 0, max = 10_000_000) long secondsLater) {
    long due = invoice.total().value();
    List<PaymentEvent> captures = new ArrayList<>();
    captures.add(payment(FAILED, due, "p-failed"));
    captures.add(payment(AUTHORIZED, due, "p0"));
    for (int i = 0; i < parts; i++) {
      long share = due / parts + (i == 0 ? due % parts : 0);
      captures.add(payment(SUCCEEDED, share, "p" + i));
    }
    OrderFacts facts = facts(invoice, captures);

    assertEquals(OrderStatus.RECONCILED, Reconciliation.moneyStatus(facts));
    assertEquals(List.of(), Reconciliation.findings(facts,
        Instant.EPOCH.plusSeconds(secondsLater), ReconciliationSettings.DEFAULT));
  }

  @Property
  void moneyInAnotherCurrencyNeverCountsAndAlwaysFlags(
      @ForAll("invoices") Invoice invoice, @ForAll @LongRange(min = 1, max = 1_000_000) long amount) {
    PaymentEvent dollars =
        new PaymentEvent("e", "stripe", SUCCEEDED, "o", "p", new Money(amount, "USD"), "card",
            Instant.EPOCH, null, null);
    OrderFacts facts = facts(invoice, List.of(dollars));

    assertEquals(0, Reconciliation.totals(facts).paid().value());
    assertTrue(Reconciliation.findings(facts, Instant.EPOCH, ReconciliationSettings.DEFAULT).stream()
        .anyMatch(f -> f.type() == DiscrepancyType.CURRENCY_MISMATCH));
  }

  static OrderFacts facts(Invoice invoice, List<PaymentEvent> history) {
    List<RecordedPayment> recorded = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      recorded.add(new RecordedPayment(history.get(i), Instant.EPOCH.plusSeconds(i)));
    }
    return new OrderFacts(invoice, Instant.EPOCH, List.of(), recorded, null);
  }

  private static long capturedOncePerPayment(List<PaymentEvent> history) {
    return history.stream().filter(p -> p.type() == SUCCEEDED)
        .collect(java.util.stream.Collectors.toMap(PaymentEvent::paymentId, p -> p.amount().value(), Math::max))
        .values().stream().mapToLong(Long::longValue).sum();
  }

  private static long sum(List<PaymentEvent> history, PaymentEventType type) {
    return history.stream().filter(p -> p.type() == type).mapToLong(p -> p.amount().value()).sum();
  }

  private static PaymentEvent payment(PaymentEventType type, long amount, String paymentId) {
    return new PaymentEvent("e-" + paymentId + "-" + type, "stripe", type, "o", paymentId,
        new Money(amount, "EUR"), "card", Instant.EPOCH, null, null);
  }
}
