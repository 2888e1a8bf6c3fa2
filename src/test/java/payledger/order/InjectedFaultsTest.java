package payledger.order;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.order.PaymentEventType.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.money.Money;
import payledger.order.OrderLedger.*;
import payledger.time.ServiceClock;
import payledger.testing.TestConfigs;

/**
 * 3,000 generated orders, about 5 % with one injected fault of each kind, pushed through the real
 * entity. Every fault must be open at the end and no clean order may end with one. Clean orders
 * include shapes that look suspicious but are fine: instalments, a capture reported twice, a
 * failure followed by a retry, a payment before its order.
 */
@ExtendWith(TestKitJUnit5Extension.class)
class InjectedFaultsTest {

  private static final int ORDERS = 3_000; // 151 faults, 13-19 of each kind; each clean shape ~475 times
  private static final long DUE = Fixtures.DUE;

  @JUnit5TestKit
  ActorTestKit testKit =
      new JUnit5TestKitBuilder()
          .withCustomConfig(TestConfigs.entityTestKit())
          .build();

  private final ServiceClock clock = ServiceClock.frozenAt(Fixtures.T0);
  private final OrderLedger.Settings settings = new OrderLedger.Settings(100, ReconciliationSettings.DEFAULT);

  /** One generated order: what is wrong with it (null when clean) and its story. */
  private record Case(String orderId, DiscrepancyType fault, String shape) {}

  @Test
  void everyInjectedFaultIsFoundAndNoCleanOrderIsFlagged() {
    Random random = new Random(20261122);
    // A receipt mismatch is raised by the ledger's own receipt check, not by what gateways send.
    DiscrepancyType[] faults = java.util.Arrays.stream(DiscrepancyType.values())
        .filter(t -> t != DiscrepancyType.RECEIPT_MISMATCH).toArray(DiscrepancyType[]::new);
    Map<String, int[]> byKind = new TreeMap<>(); // kind -> {true positives, false negatives, false positives}
    int transient_ = 0;
    int autoReconciled = 0;
    int clean = 0;

    for (int i = 0; i < ORDERS; i++) {
      DiscrepancyType fault = random.nextInt(100) < 5 ? faults[i % faults.length] : null;
      String orderId = "gen-" + i;
      var ledger = EventSourcedBehaviorTestKit.<Command, OrderEvent, OrderState>create(
          testKit.system(), OrderLedger.create(orderId, clock, settings), EventSourcedBehaviorTestKit.disabledSerializationSettings());
      play(ledger, orderId, fault, random);
      clock.advance(Duration.ofHours(2)); // past every grace period
      ledger.<Done>runCommand(DeadlineReached::new);
      Summary end = ledger.<StatusReply<Summary>>runCommand(GetOrder::new).reply().getValue();

      Set<DiscrepancyType> open = end.state().discrepancies().stream()
          .filter(Discrepancy::isOpen).map(Discrepancy::type).collect(Collectors.toSet());
      Set<DiscrepancyType> expected = fault == null ? Set.of() : Set.of(fault);
      for (DiscrepancyType kind : faults) {
        int[] counts = byKind.computeIfAbsent(kind.name(), k -> new int[3]);
        if (expected.contains(kind) && open.contains(kind)) counts[0]++;
        if (expected.contains(kind) && !open.contains(kind)) counts[1]++;
        if (!expected.contains(kind) && open.contains(kind)) counts[2]++;
      }
      if (fault == null) {
        clean++;
        transient_ += end.state().discrepancies().size();
        autoReconciled += end.autoReconciled() ? 1 : 0;
      }
      ledger.clear();
    }

    int tp = 0, fn = 0, fp = 0;
    StringBuilder report = new StringBuilder("kind                    found  missed  false\n");
    for (var entry : byKind.entrySet()) {
      int[] c = entry.getValue();
      tp += c[0]; fn += c[1]; fp += c[2];
      report.append(String.format("%-22s %6d %7d %6d%n", entry.getKey(), c[0], c[1], c[2]));
    }
    report.append(String.format("precision %.4f, recall %.4f; %d clean orders, %d auto-reconciled, "
        + "%d transient discrepancies opened and auto-matched on them%n",
        tp / (double) (tp + fp), tp / (double) (tp + fn), clean, autoReconciled, transient_));
    System.out.print(report);

    byKind.forEach((kind, c) -> assertTrue(c[0] > 0, kind + " was never injected"));
    assertEquals(0, fn, report.toString());
    assertEquals(0, fp, report.toString());
  }

  private void play(
      EventSourcedBehaviorTestKit<Command, OrderEvent, OrderState> ledger,
      String orderId, DiscrepancyType fault, Random random) {
    List<PaymentEvent> payments = new ArrayList<>();
    boolean register = true;
    if (fault == null) {
      switch (random.nextInt(6)) {
        case 0 -> payments.add(capture(orderId, "a", DUE, "EUR", "card"));
        case 1 -> {
          long first = 1 + random.nextInt((int) DUE - 1);
          payments.add(capture(orderId, "a", first, "EUR", "card"));
          payments.add(capture(orderId, "b", DUE - first, "EUR", "card"));
        }
        case 2 -> { // payment_intent.succeeded and charge.succeeded for one payment
          payments.add(capture(orderId, "a", DUE, "EUR", "card"));
          payments.add(event(orderId, "a-again", "a", SUCCEEDED, DUE, "EUR", "card"));
        }
        case 3 -> {
          payments.add(event(orderId, "f", "f", FAILED, DUE, "EUR", "card"));
          payments.add(capture(orderId, "a", DUE, "EUR", "card"));
        }
        case 4 -> {
          payments.add(event(orderId, "auth", "a", AUTHORIZED, DUE, "EUR", "card"));
          payments.add(capture(orderId, "a", DUE, "EUR", "card"));
        }
        default -> { // the order management system is late
          ledger.<StatusReply<PaymentAck>>runCommand(
              replyTo -> new RecordPayment(capture(orderId, "a", DUE, "EUR", "card"), replyTo));
          clock.advance(Duration.ofMinutes(10));
        }
      }
    } else {
      long k = 1 + random.nextInt(1000);
      switch (fault) {
        case UNDERPAYMENT -> payments.add(capture(orderId, "a", DUE - k, "EUR", "card"));
        case OVERPAYMENT -> payments.add(capture(orderId, "a", DUE + k, "EUR", "card"));
        case DUPLICATE_CHARGE -> {
          payments.add(capture(orderId, "a", DUE, "EUR", "card"));
          payments.add(capture(orderId, "b", DUE, "EUR", "card"));
        }
        case MISSING_PAYMENT -> { }
        case UNLINKED_PAYMENT -> register = false;
        case CURRENCY_MISMATCH -> payments.add(capture(orderId, "a", DUE, "USD", "card"));
        case METHOD_MISMATCH -> payments.add(capture(orderId, "a", DUE, "EUR", "paypal"));
        case REFUND_EXCEEDS_PAYMENT -> {
          payments.add(capture(orderId, "a", DUE, "EUR", "card"));
          payments.add(event(orderId, "r", "a", REFUNDED, DUE + k, "EUR", "card"));
        }
        case FAILED_PAYMENT -> payments.add(event(orderId, "f", "f", FAILED, DUE, "EUR", "card"));
      }
      if (fault == DiscrepancyType.UNLINKED_PAYMENT) {
        payments.add(capture(orderId, "a", DUE, "EUR", "card"));
      }
    }
    if (register) {
      ledger.<StatusReply<Summary>>runCommand(replyTo -> new RegisterOrder(Fixtures.invoice(), replyTo));
    }
    for (PaymentEvent p : payments) {
      clock.advance(Duration.ofMinutes(1));
      ledger.<StatusReply<PaymentAck>>runCommand(replyTo -> new RecordPayment(p, replyTo));
    }
  }

  private static PaymentEvent capture(String orderId, String payment, long amount, String currency, String method) {
    return event(orderId, payment, payment, SUCCEEDED, amount, currency, method);
  }

  private static PaymentEvent event(String orderId, String eventId, String payment,
      PaymentEventType type, long amount, String currency, String method) {
    return new PaymentEvent("evt-" + orderId + "-" + eventId, "stripe", type, orderId,
        "pi-" + orderId + "-" + payment, new Money(amount, currency), method, Fixtures.T0, null,
        type == FAILED ? "card_declined" : null);
  }
}
