package payledger.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import payledger.order.PaymentEventType;

/**
 * The fraud rules as one pure function of a payment event and the short histories it comes with
 * ({@link RiskContext}): the same context always gives the same reasons, whether the projection sees
 * the event for the first time or on a replay. Every rule looks only at payments that came before
 * the event (by the gateway's time) within its window.
 */
public final class FraudRules {

  private final FraudSettings s;

  public FraudRules(FraudSettings settings) {
    this.s = settings;
  }

  /** The rules that fire on this payment, in {@link FraudRule} order. */
  public List<Reason> evaluate(RiskContext c) {
    List<Reason> reasons = new ArrayList<>();
    cardTesting(c).ifPresent(reasons::add);
    failureVelocity(c).ifPresent(reasons::add);
    manyCards(c).ifPresent(reasons::add);
    refundAbuse(c).ifPresent(reasons::add);
    chargebackHistory(c).ifPresent(reasons::add);
    amountSpike(c).ifPresent(reasons::add);
    unusualCurrency(c).ifPresent(reasons::add);
    unusualMethod(c).ifPresent(reasons::add);
    multiSource(c).ifPresent(reasons::add);
    unlinkedPattern(c).ifPresent(reasons::add);
    return reasons;
  }

  Optional<Reason> cardTesting(RiskContext c) {
    Predicate<PaymentFact> small = f -> (f.type() == PaymentEventType.AUTHORIZED
        || f.type() == PaymentEventType.FAILED) && f.amount() <= s.cardTesting().smallAmount();
    if (!small.test(c.payment())) {
      return Optional.empty();
    }
    Duration window = s.cardTesting().window();
    return mostOnOneSubject(c, window, small, s.cardTesting().attempts(), FraudRule.CARD_TESTING,
        "small authorisations or failures");
  }

  Optional<Reason> failureVelocity(RiskContext c) {
    Predicate<PaymentFact> failed = f -> f.type() == PaymentEventType.FAILED;
    if (!failed.test(c.payment())) {
      return Optional.empty();
    }
    return mostOnOneSubject(c, s.failures().window(), failed, s.failures().failures(),
        FraudRule.FAILURE_VELOCITY, "failed payments");
  }

  Optional<Reason> manyCards(RiskContext c) {
    PaymentFact p = c.payment();
    if (!p.attempt() || p.fingerprint() == null) {
      return Optional.empty();
    }
    int most = 0;
    String on = null;
    for (Subject subject : subjects(c)) {
      Set<String> cards = new HashSet<>();
      cards.add(p.fingerprint());
      before(subject.history(), p, s.cards().window())
          .filter(f -> f.attempt() && f.fingerprint() != null)
          .forEach(f -> cards.add(f.fingerprint()));
      if (cards.size() > most && !subject.name().equals("card")) {
        most = cards.size();
        on = subject.name();
      }
    }
    return most >= s.cards().distinct()
        ? reason(FraudRule.MANY_CARDS, most + " distinct cards on one " + on + " within "
            + words(s.cards().window()))
        : Optional.empty();
  }

  Optional<Reason> refundAbuse(RiskContext c) {
    PaymentFact p = c.payment();
    if (p.type() != PaymentEventType.REFUNDED) {
      return Optional.empty();
    }
    List<PaymentFact> recent = before(c.customer(), p, s.refunds().window())
        .filter(f -> f.currency().equals(p.currency())).toList();
    long refunds = 1 + recent.stream().filter(f -> f.type() == PaymentEventType.REFUNDED).count();
    long refunded = p.amount() + sum(recent, PaymentEventType.REFUNDED);
    long paid = sum(recent, PaymentEventType.SUCCEEDED);
    if (refunds < s.refunds().minRefunds() || refunded < s.refunds().ratio() * paid) {
      return Optional.empty();
    }
    String share = paid == 0 ? "with nothing paid" : Math.round(100.0 * refunded / paid) + " % of what was paid";
    return reason(FraudRule.REFUND_ABUSE, refunds + " refunds within " + words(s.refunds().window())
        + ", " + share);
  }

  Optional<Reason> chargebackHistory(RiskContext c) {
    PaymentFact p = c.payment();
    if (p.type() != PaymentEventType.AUTHORIZED && p.type() != PaymentEventType.SUCCEEDED
        && p.type() != PaymentEventType.CHARGEBACK) {
      return Optional.empty();
    }
    for (Subject subject : subjects(c)) {
      List<PaymentFact> recent = before(subject.history(), p, s.chargebacks().window()).toList();
      long net = recent.stream().filter(f -> f.type() == PaymentEventType.CHARGEBACK).count()
          - recent.stream().filter(f -> f.type() == PaymentEventType.CHARGEBACK_REVERSED).count();
      if (net >= s.chargebacks().prior()) {
        return reason(FraudRule.CHARGEBACK_HISTORY, net + " earlier chargeback(s) on this "
            + subject.name() + " within " + words(s.chargebacks().window()));
      }
    }
    return Optional.empty();
  }

  Optional<Reason> amountSpike(RiskContext c) {
    PaymentFact p = c.payment();
    FraudSettings.Spike spike = s.spike();
    if (!taking(p) || p.amount() < spike.minAmount()) {
      return Optional.empty();
    }
    long[] amounts = before(c.customer(), p, spike.window())
        .filter(f -> f.type() == PaymentEventType.SUCCEEDED && f.currency().equals(p.currency()))
        .mapToLong(PaymentFact::amount).sorted().toArray();
    if (amounts.length < spike.minHistory()) {
      return Optional.empty();
    }
    long median = amounts[amounts.length / 2];
    long max = amounts[amounts.length - 1];
    return p.amount() > spike.overMedian() * median && p.amount() > spike.overMax() * max
        ? reason(FraudRule.AMOUNT_SPIKE, p.amount() + " " + p.currency() + " against a median of "
            + median + " and a largest of " + max + " in " + amounts.length + " earlier payments")
        : Optional.empty();
  }

  Optional<Reason> unusualCurrency(RiskContext c) {
    PaymentFact p = c.payment();
    List<PaymentFact> habits = habits(c);
    if (!taking(p) || habits.size() < s.habits().minHistory()
        || habits.stream().anyMatch(f -> f.currency().equals(p.currency()))) {
      return Optional.empty();
    }
    return reason(FraudRule.UNUSUAL_CURRENCY, p.currency() + " never used in " + habits.size()
        + " earlier payments");
  }

  Optional<Reason> unusualMethod(RiskContext c) {
    PaymentFact p = c.payment();
    List<PaymentFact> habits = habits(c);
    if (!taking(p) || p.method() == null || habits.size() < s.habits().minHistory()
        || habits.stream().anyMatch(f -> p.method().equals(f.method()))) {
      return Optional.empty();
    }
    return reason(FraudRule.UNUSUAL_METHOD, "method " + p.method() + " never used in "
        + habits.size() + " earlier payments");
  }

  Optional<Reason> multiSource(RiskContext c) {
    PaymentFact p = c.payment();
    if (p.unlinked() || !p.attempt()) {
      return Optional.empty();
    }
    if (c.orderGateways().size() >= s.multiSource().gateways()) {
      return reason(FraudRule.MULTI_SOURCE_ORDER, "paid through " + c.orderGateways().size()
          + " gateways");
    }
    return c.orderCards().size() >= s.multiSource().cards()
        ? reason(FraudRule.MULTI_SOURCE_ORDER, "paid with " + c.orderCards().size() + " cards")
        : Optional.empty();
  }

  Optional<Reason> unlinkedPattern(RiskContext c) {
    Predicate<PaymentFact> unlinkedPaid = f -> f.unlinked() && f.type() == PaymentEventType.SUCCEEDED;
    if (!unlinkedPaid.test(c.payment())) {
      return Optional.empty();
    }
    return mostOnOneSubject(c, s.unlinked().window(), unlinkedPaid, s.unlinked().payments(),
        FraudRule.UNLINKED_PATTERN, "payments without an order");
  }

  /** The customer's successful payments that say what is usual for them. */
  private List<PaymentFact> habits(RiskContext c) {
    return before(c.customer(), c.payment(), s.habits().window())
        .filter(f -> f.type() == PaymentEventType.SUCCEEDED).toList();
  }

  /** Counts {@code kind} on each subject within the window, this payment included. */
  private Optional<Reason> mostOnOneSubject(RiskContext c, Duration window,
      Predicate<PaymentFact> kind, int threshold, FraudRule rule, String what) {
    for (Subject subject : subjects(c)) {
      long n = 1 + before(subject.history(), c.payment(), window).filter(kind).count();
      if (n >= threshold) {
        return reason(rule, n + " " + what + " on one " + subject.name() + " within " + words(window));
      }
    }
    return Optional.empty();
  }

  private Optional<Reason> reason(FraudRule rule, String detail) {
    return Optional.of(new Reason(rule, s.weight(rule), detail));
  }

  private record Subject(String name, List<PaymentFact> history) {}

  private static List<Subject> subjects(RiskContext c) {
    return List.of(new Subject("customer", c.customer()), new Subject("card", c.card()),
        new Subject("email", c.email()));
  }

  /** Payments before {@code p} (by the gateway's time; never {@code p} itself) within the window. */
  static Stream<PaymentFact> before(List<PaymentFact> history, PaymentFact p, Duration window) {
    Instant from = p.at().minus(window);
    return history.stream().filter(f -> !f.key().equals(p.key()) && !f.at().isAfter(p.at())
        && f.at().isAfter(from));
  }

  private static boolean taking(PaymentFact p) {
    return p.type() == PaymentEventType.SUCCEEDED || p.type() == PaymentEventType.AUTHORIZED;
  }

  private static long sum(List<PaymentFact> facts, PaymentEventType type) {
    return facts.stream().filter(f -> f.type() == type).mapToLong(PaymentFact::amount).sum();
  }

  private static String words(Duration d) {
    long minutes = d.toMinutes();
    return minutes % 1440 == 0 ? minutes / 1440 + " d"
        : minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
  }
}
