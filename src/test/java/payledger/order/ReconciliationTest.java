package payledger.order;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.order.DiscrepancyType.*;
import static payledger.order.Fixtures.*;
import static payledger.order.PaymentEventType.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import payledger.money.Money;

/**
 * The business rules, one case per discrepancy type and per way it goes away. The invoice is
 * 30.90 EUR by card (see {@link Fixtures#invoice()}); grace periods are 1 h.
 */
class ReconciliationTest {

  /** An order's history as a test writes it: facts at minutes after registration. */
  static final class Story {
    private Invoice invoice = invoice();
    private final List<RecordedPayment> payments = new ArrayList<>();
    private final List<Adjustment> adjustments = new ArrayList<>();
    private int minute;

    static Story order() {
      return new Story();
    }

    static Story noOrder() {
      Story story = new Story();
      story.invoice = null;
      return story;
    }

    Story at(int minutes) {
      minute = minutes;
      return this;
    }

    Story pay(String id, PaymentEventType type, long amount) {
      return pay(event(id, type, amount));
    }

    Story pay(PaymentEvent event) {
      payments.add(new RecordedPayment(event, T0.plus(Duration.ofMinutes(minute))));
      return this;
    }

    Story adjust(long amount) {
      adjustments.add(new Adjustment("adj-" + adjustments.size(), new Money(amount, "EUR"),
          "goodwill", "agent-7", T0.plus(Duration.ofMinutes(minute))));
      return this;
    }

    OrderFacts facts() {
      return new OrderFacts(invoice, invoice == null ? null : T0, adjustments, payments, null);
    }

    @Override
    public String toString() {
      return payments.size() + " payments";
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, story, minutes after registration to look, expected findings
        of("paid in full by card", Story.order().pay("e1", SUCCEEDED, DUE), 600),
        of("paid in two parts", Story.order().pay("e1", SUCCEEDED, 1000).pay("e2", SUCCEEDED, DUE - 1000), 600),
        of("underpaid", Story.order().pay("e1", SUCCEEDED, DUE - 1), 0, UNDERPAYMENT),
        of("underpayment completed later: auto-matched",
            Story.order().pay("e1", SUCCEEDED, 1000).at(30).pay("e2", SUCCEEDED, DUE - 1000), 600),
        of("underpayment settled by an invoice adjustment",
            Story.order().pay("e1", SUCCEEDED, DUE - 500).adjust(-500), 600),
        of("partially refunded", Story.order().pay("e1", SUCCEEDED, DUE).pay("e2", REFUNDED, 90), 0, UNDERPAYMENT),
        of("charged back", Story.order().pay("e1", SUCCEEDED, DUE).pay("e2", CHARGEBACK, DUE), 0, UNDERPAYMENT),
        of("chargeback reversed: auto-matched",
            Story.order().pay("e1", SUCCEEDED, DUE).pay("e2", CHARGEBACK, DUE).pay("e3", CHARGEBACK_REVERSED, DUE), 0),
        of("overpaid", Story.order().pay("e1", SUCCEEDED, DUE + 1), 0, OVERPAYMENT),
        of("overpayment refunded: auto-matched", Story.order().pay("e1", SUCCEEDED, DUE + 100).pay("e2", REFUNDED, 100), 0),
        of("charged twice", Story.order().pay("e1", SUCCEEDED, DUE).pay("e2", SUCCEEDED, DUE), 0, DUPLICATE_CHARGE),
        of("duplicate refunded: auto-matched",
            Story.order().pay("e1", SUCCEEDED, DUE).pay("e2", SUCCEEDED, DUE).pay("e3", REFUNDED, DUE), 0),
        of("one capture reported twice is no duplicate",
            Story.order().pay("e1", SUCCEEDED, DUE).pay(samePayment("e3", "e1")), 0),
        of("equal instalments are no duplicate",
            Story.order().pay("e1", SUCCEEDED, DUE / 2).pay("e2", SUCCEEDED, DUE / 2), 0),
        of("nothing paid within grace", Story.order(), 60, MISSING_PAYMENT),
        of("nothing paid, grace not over yet", Story.order(), 59),
        of("only authorized within grace", Story.order().pay("e1", AUTHORIZED, DUE), 61, MISSING_PAYMENT),
        of("missing payment arrives late: auto-matched", Story.order().at(90).pay("e1", SUCCEEDED, DUE), 120),
        of("failed and not retried", Story.order().at(5).pay("e1", FAILED, DUE), 65, FAILED_PAYMENT),
        of("failed then retried successfully",
            Story.order().at(5).pay("e1", FAILED, DUE).at(10).pay("e2", SUCCEEDED, DUE), 600),
        of("failed, grace not over yet", Story.order().at(5).pay("e1", FAILED, DUE), 64),
        of("paid in another currency",
            Story.order().pay(event("e1", SUCCEEDED, DUE, "USD", "card")), 600, CURRENCY_MISMATCH),
        of("paid by another method", Story.order().pay(event("e1", SUCCEEDED, DUE, "EUR", "paypal")), 0, METHOD_MISMATCH),
        of("method compared case-insensitively", Story.order().pay(event("e1", SUCCEEDED, DUE, "EUR", " Card ")), 0),
        of("refunded more than paid",
            Story.order().pay("e1", SUCCEEDED, 1000).pay("e2", REFUNDED, 1500), 0, REFUND_EXCEEDS_PAYMENT),
        of("money without an order beyond grace", Story.noOrder().pay("e1", SUCCEEDED, DUE), 60, UNLINKED_PAYMENT),
        of("money without an order within grace", Story.noOrder().pay("e1", SUCCEEDED, DUE), 59),
        of("a failed attempt without an order is no money", Story.noOrder().pay("e1", FAILED, DUE), 600));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void findingsFollowTheBusinessRules(String name, Story story, int minutes, List<DiscrepancyType> expected) {
    Instant now = T0.plus(Duration.ofMinutes(minutes));
    List<DiscrepancyType> found =
        Reconciliation.findings(story.facts(), now, ReconciliationSettings.DEFAULT).stream()
            .map(Reconciliation.Finding::type)
            .toList();
    assertEquals(expected, found);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void findingsNeverPrecedeTheirCauseAndNameRealPayments(
      String name, Story story, int minutes, List<DiscrepancyType> expected) {
    Instant now = T0.plus(Duration.ofMinutes(minutes));
    OrderFacts facts = story.facts();
    for (Reconciliation.Finding f : Reconciliation.findings(facts, now, ReconciliationSettings.DEFAULT)) {
      assertFalse(f.since().isAfter(now), f.toString());
      for (String key : f.payments()) {
        assertTrue(facts.payments().stream().anyMatch(p -> p.event().key().equals(key)), key);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void amountsInFindingsReadAsMoneyNeverAsMinorUnits() {
    assertEquals("short by €2.50", detail(Story.order().pay("e1", SUCCEEDED, DUE - 250)));
    assertEquals("over by €2.50", detail(Story.order().pay("e1", SUCCEEDED, DUE + 250)));
    assertEquals("a second charge of €30.90 for the same order",
        detail(Story.order().pay("e1", SUCCEEDED, DUE).pay("e2", SUCCEEDED, DUE)));
  }

  private static String detail(Story story) {
    return Reconciliation.findings(story.facts(), T0, ReconciliationSettings.DEFAULT).get(0).detail();
  }

  private static PaymentEvent samePayment(String eventId, String capturedAs) {
    PaymentEvent e = event(eventId, SUCCEEDED, DUE);
    return new PaymentEvent(e.eventId(), e.gateway(), SUCCEEDED, e.orderId(), "pi_" + capturedAs,
        e.amount(), e.method(), e.occurredAt(), null, null);
  }

  private static Arguments of(String name, Story story, int minutes, DiscrepancyType... expected) {
    return Arguments.of(name, story, minutes, List.of(expected));
  }
}
