package payledger.order;

import static payledger.order.DiscrepancyType.*;
import static payledger.order.PaymentEventType.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import payledger.money.Money;
import payledger.money.MoneyFormat;

/**
 * The reconciliation rules, free of actors and I/O. Given what is known of an order and the time,
 * it yields the money totals and the <em>findings</em>: every discrepancy that holds right now.
 *
 * <ul>
 *   <li>{@code due = Σ(qty × unit price) + shipping + taxes − discounts + adjustments}
 *   <li>{@code net paid = paid − refunded − charged back}, where {@code paid} counts each payment
 *       (payment id) once: gateways report one capture several times (Stripe sends both
 *       {@code payment_intent.succeeded} and {@code charge.succeeded}), so partial captures must
 *       carry distinct payment ids.
 *   <li>Only money in the invoice currency counts; money in another currency is a mismatch.
 * </ul>
 */
public final class Reconciliation {

  private Reconciliation() {}

  /** {@code balance = due − netPaid}: positive means still owed. */
  public record Totals(
      Money due, Money paid, Money refunded, Money chargedBack, Money netPaid, Money balance) {}

  /**
   * A discrepancy that holds now. {@code since} is when it began to hold: the triggering event's
   * time, or the deadline that passed (a grace period ending).
   */
  public record Finding(
      DiscrepancyType type,
      String subject,
      Money expected,
      Money actual,
      List<String> payments,
      String detail,
      Instant since) {}

  public static final String WHOLE_ORDER = "order";

  /** The totals, or null while the order is not registered. */
  public static Totals totals(OrderFacts facts) {
    Invoice invoice = facts.invoice();
    if (invoice == null) {
      return null;
    }
    Money zero = Money.zero(invoice.currency());
    Money paid = zero;
    for (RecordedPayment capture : distinctCaptures(inCurrency(facts, invoice.currency()))) {
      paid = paid.plus(capture.event().amount());
    }
    Money refunded = sum(facts, REFUNDED, zero);
    Money chargedBack = sum(facts, CHARGEBACK, zero).minus(sum(facts, CHARGEBACK_REVERSED, zero));
    Money due = invoice.total();
    for (Adjustment adjustment : facts.adjustments()) {
      due = due.plus(adjustment.amount());
    }
    Money netPaid = paid.minus(refunded).minus(chargedBack);
    return new Totals(due, paid, refunded, chargedBack, netPaid, due.minus(netPaid));
  }

  /** The status the money alone gives; open discrepancies make an order DISCREPANCY on top. */
  public static OrderStatus moneyStatus(OrderFacts facts) {
    Totals totals = totals(facts);
    if (totals == null) {
      return OrderStatus.UNLINKED;
    }
    int cmp = totals.netPaid().compareTo(totals.due());
    if (cmp == 0) {
      return OrderStatus.RECONCILED;
    }
    if (cmp > 0) {
      return OrderStatus.OVERPAID;
    }
    return totals.netPaid().value() <= 0 ? OrderStatus.AWAITING_PAYMENT : OrderStatus.PARTIALLY_PAID;
  }

  /** Every discrepancy that holds at {@code now}. */
  public static List<Finding> findings(OrderFacts facts, Instant now, ReconciliationSettings rules) {
    if (facts.invoice() == null) {
      return facts.linkedTo() != null ? List.of() : unlinked(facts, now, rules).stream().toList();
    }
    List<Finding> findings = new ArrayList<>();
    Invoice invoice = facts.invoice();
    Totals t = totals(facts);
    List<RecordedPayment> captures = distinctCaptures(inCurrency(facts, invoice.currency()));

    for (RecordedPayment p : facts.payments()) {
      if (movesMoney(p) && !p.event().amount().currency().equals(invoice.currency())) {
        findings.add(about(p, CURRENCY_MISMATCH, Money.zero(invoice.currency()), p.event().amount(),
            "paid in " + p.event().amount().currency() + ", invoiced in " + invoice.currency()));
      }
    }
    String expectedMethod = normalizeMethod(invoice.expectedPaymentMethod());
    for (RecordedPayment p : captures) {
      if (!expectedMethod.isEmpty() && !expectedMethod.equals(normalizeMethod(p.event().method()))) {
        findings.add(about(p, METHOD_MISMATCH, p.event().amount(), p.event().amount(),
            "expected " + expectedMethod + ", paid with " + p.event().method()));
      }
    }

    Money takenBack = t.refunded().plus(t.chargedBack());
    int netVsDue = t.netPaid().compareTo(t.due());
    if (takenBack.compareTo(t.paid()) > 0) {
      findings.add(whole(REFUND_EXCEEDS_PAYMENT, t.paid(), takenBack, keys(facts.payments()),
          "refunded and charged back more than was paid", latest(facts)));
    } else if (netVsDue < 0 && t.paid().value() > 0) {
      findings.add(whole(UNDERPAYMENT, t.due(), t.netPaid(), keys(captures),
          "short by " + human(t.balance()), latest(facts)));
    } else if (netVsDue > 0) {
      List<RecordedPayment> duplicates = duplicateCaptures(captures);
      for (RecordedPayment d : duplicates) {
        findings.add(about(d, DUPLICATE_CHARGE, t.due(), t.netPaid(),
            "a second charge of " + human(d.event().amount()) + " for the same order"));
      }
      if (duplicates.isEmpty()) {
        findings.add(whole(OVERPAYMENT, t.due(), t.netPaid(), keys(captures),
            "over by " + human(t.balance().times(-1)), latest(facts)));
      }
    }

    boolean anySuccess = facts.payments().stream().anyMatch(p -> p.is(SUCCEEDED));
    Optional<Instant> failedSince = failedPaymentDeadline(facts, rules);
    if (t.netPaid().compareTo(t.due()) < 0 && failedSince.isPresent()
        && !failedSince.get().isAfter(now)) {
      findings.add(whole(FAILED_PAYMENT, t.due(), t.netPaid(),
          keys(facts.payments().stream().filter(p -> p.is(FAILED)).toList()),
          "a payment attempt failed and was not retried successfully", failedSince.get()));
    } else if (!anySuccess && failedSince.isEmpty() && t.due().value() > 0) {
      Instant deadline = facts.registeredAt().plus(rules.paymentGrace());
      if (!deadline.isAfter(now)) {
        findings.add(whole(MISSING_PAYMENT, t.due(), t.netPaid(), List.of(),
            "no payment within " + rules.paymentGrace().toMinutes() + " minutes of the order",
            deadline));
      }
    }
    return findings;
  }

  /**
   * The next instant after {@code now} at which a grace period ends and the findings may change
   * without any new event: when the entity must look again.
   */
  public static Optional<Instant> nextDeadline(
      OrderFacts facts, Instant now, ReconciliationSettings rules) {
    Stream<Instant> candidates;
    if (facts.invoice() == null) {
      candidates = facts.linkedTo() != null ? Stream.empty()
          : firstMoney(facts).map(p -> p.recordedAt().plus(rules.unlinkedGrace())).stream();
    } else {
      Stream<Instant> missing = firstMoney(facts).isPresent() ? Stream.empty()
          : Stream.of(facts.registeredAt().plus(rules.paymentGrace()));
      candidates = Stream.concat(missing, failedPaymentDeadline(facts, rules).stream());
    }
    return candidates.filter(at -> at.isAfter(now)).min(Instant::compareTo);
  }

  private static Optional<Finding> unlinked(
      OrderFacts facts, Instant now, ReconciliationSettings rules) {
    return firstMoney(facts)
        .filter(first -> !first.recordedAt().plus(rules.unlinkedGrace()).isAfter(now))
        .map(
            first -> {
              String currency = first.event().amount().currency();
              List<RecordedPayment> captures =
                  distinctCaptures(facts.payments().stream()
                      .filter(p -> p.event().amount().currency().equals(currency)).toList());
              Money received = captures.stream().map(p -> p.event().amount())
                  .reduce(Money.zero(currency), Money::plus);
              return whole(UNLINKED_PAYMENT, null, received, keys(captures),
                  "no order arrived within " + rules.unlinkedGrace().toMinutes() + " minutes",
                  first.recordedAt().plus(rules.unlinkedGrace()));
            });
  }

  /** The earliest failure + grace among failures that no later success answered. */
  private static Optional<Instant> failedPaymentDeadline(
      OrderFacts facts, ReconciliationSettings rules) {
    List<RecordedPayment> payments = facts.payments();
    for (int i = 0; i < payments.size(); i++) {
      if (payments.get(i).is(FAILED)
          && payments.subList(i + 1, payments.size()).stream().noneMatch(p -> p.is(SUCCEEDED))) {
        return Optional.of(payments.get(i).recordedAt().plus(rules.paymentGrace()));
      }
    }
    return Optional.empty();
  }

  private static Optional<RecordedPayment> firstMoney(OrderFacts facts) {
    return facts.payments().stream().filter(p -> p.is(SUCCEEDED)).findFirst();
  }

  /** Captures after the first one that repeat an earlier capture's amount under another payment id. */
  private static List<RecordedPayment> duplicateCaptures(List<RecordedPayment> captures) {
    List<RecordedPayment> duplicates = new ArrayList<>();
    Set<Money> seen = new HashSet<>();
    for (RecordedPayment capture : captures) {
      if (!seen.add(capture.event().amount())) {
        duplicates.add(capture);
      }
    }
    return duplicates;
  }

  /** One SUCCEEDED event per payment id, the largest amount, in arrival order. */
  private static List<RecordedPayment> distinctCaptures(List<RecordedPayment> payments) {
    Map<String, RecordedPayment> byPayment = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (RecordedPayment p : payments) {
      if (p.is(SUCCEEDED)) {
        RecordedPayment earlier = byPayment.get(p.event().paymentId());
        if (earlier == null) {
          order.add(p.event().paymentId());
        }
        if (earlier == null || p.event().amount().compareTo(earlier.event().amount()) > 0) {
          byPayment.put(p.event().paymentId(), p);
        }
      }
    }
    return order.stream().map(byPayment::get).toList();
  }

  private static List<RecordedPayment> inCurrency(OrderFacts facts, String currency) {
    return facts.payments().stream()
        .filter(p -> p.event().amount().currency().equals(currency))
        .toList();
  }

  private static Money sum(OrderFacts facts, PaymentEventType type, Money zero) {
    Money total = zero;
    for (RecordedPayment p : inCurrency(facts, zero.currency())) {
      if (p.is(type)) {
        total = total.plus(p.event().amount());
      }
    }
    return total;
  }

  private static boolean movesMoney(RecordedPayment p) {
    return !p.is(AUTHORIZED) && !p.is(FAILED) && !p.is(NOTICE);
  }

  private static Finding about(
      RecordedPayment p, DiscrepancyType type, Money expected, Money actual, String detail) {
    return new Finding(type, p.event().key(), expected, actual, List.of(p.event().key()), detail,
        p.recordedAt());
  }

  private static Finding whole(DiscrepancyType type, Money expected, Money actual,
      List<String> payments, String detail, Instant since) {
    return new Finding(type, WHOLE_ORDER, expected, actual, payments, detail, since);
  }

  private static List<String> keys(List<RecordedPayment> payments) {
    return payments.stream().map(p -> p.event().key()).toList();
  }

  /** When the latest fact was recorded: the moment an event-driven finding began to hold. */
  private static Instant latest(OrderFacts facts) {
    Instant latest = facts.registeredAt();
    for (RecordedPayment p : facts.payments()) {
      latest = latest == null || p.recordedAt().isAfter(latest) ? p.recordedAt() : latest;
    }
    for (Adjustment a : facts.adjustments()) {
      latest = a.adjustedAt().isAfter(latest) ? a.adjustedAt() : latest;
    }
    return latest;
  }

  static String normalizeMethod(String method) {
    return method == null ? "" : method.trim().toLowerCase(Locale.ROOT);
  }

  /** An amount in a description for support: "€2.50", never minor units. */
  private static String human(Money amount) {
    return MoneyFormat.format(amount, MoneyFormat.DEFAULT_LOCALE);
  }
}
