package payledger.fraud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import payledger.order.PaymentEvent;

/**
 * The fraud risk of one order (or of a payment held without one): the rules that fired on its
 * payments (each once, with the detail of its first firing), the score they add up to (at most
 * 100), where that puts the order, and the gateway's own assessment beside it (the most severe any
 * payment carried). Pure: the projection folds payments in with {@link #with}.
 *
 * @param email the invoice's email (a history subject; not shown)
 * @param gateways the gateways of the order's payment attempts
 * @param cards the card fingerprints of the order's payment attempts
 * @param flaggedAt the payment time at which the order first reached review, or null
 * @param caseId the FRAUD case opened for the order, or null
 */
public record RiskAssessment(String orderId, String customerId, String email, int score,
    RiskStatus status, List<Reason> reasons, PaymentEvent.Risk gatewayRisk, Set<String> gateways,
    Set<String> cards, Instant flaggedAt, Instant updatedAt, String caseId, Verdict verdict,
    Instant verdictAt) {

  public RiskAssessment {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(status, "status");
    reasons = List.copyOf(reasons);
    gateways = Set.copyOf(gateways);
    cards = Set.copyOf(cards);
  }

  public static RiskAssessment empty(String orderId) {
    return new RiskAssessment(orderId, null, null, 0, RiskStatus.CLEAR, List.of(), null, Set.of(),
        Set.of(), null, null, null, null, null);
  }

  /** The order's invoice names its customer. */
  public RiskAssessment registered(String customer, String mail) {
    return new RiskAssessment(orderId, customer, mail, score, status, reasons, gatewayRisk,
        gateways, cards, flaggedAt, updatedAt, caseId, verdict, verdictAt);
  }

  /** The order's sources with this payment's (attempts only, as the rules count them). */
  public RiskAssessment withSource(PaymentFact payment) {
    if (!payment.attempt() || payment.unlinked()) {
      return this;
    }
    Set<String> g = new HashSet<>(gateways);
    g.add(payment.gateway());
    Set<String> c = new HashSet<>(cards);
    if (payment.fingerprint() != null) {
      c.add(payment.fingerprint());
    }
    return new RiskAssessment(orderId, customerId, email, score, status, reasons, gatewayRisk, g,
        c, flaggedAt, updatedAt, caseId, verdict, verdictAt);
  }

  /** This assessment after a payment on which {@code fired} fired, at the payment's time. */
  public RiskAssessment with(List<Reason> fired, PaymentEvent.Risk risk, Instant at,
      FraudSettings settings) {
    List<Reason> all = new ArrayList<>(reasons);
    for (Reason r : fired) {
      if (all.stream().noneMatch(known -> known.rule() == r.rule())) {
        all.add(r);
      }
    }
    all.sort(Comparator.comparing(Reason::rule));
    int newScore = Math.min(100, all.stream().mapToInt(Reason::weight).sum());
    RiskStatus reached = newScore >= settings.caseScore() ? RiskStatus.CASE
        : newScore >= settings.reviewScore() ? RiskStatus.REVIEW : RiskStatus.CLEAR;
    RiskStatus newStatus = reached.compareTo(status) > 0 ? reached : status;
    Instant flagged = flaggedAt == null && newStatus != RiskStatus.CLEAR ? at : flaggedAt;
    return new RiskAssessment(orderId, customerId, email, Math.max(score, newScore), newStatus, all,
        moreSevere(gatewayRisk, risk), gateways, cards, flagged, at, caseId, verdict, verdictAt);
  }

  public RiskAssessment withCase(String id) {
    return new RiskAssessment(orderId, customerId, email, score, status, reasons, gatewayRisk,
        gateways, cards, flaggedAt, updatedAt, id, verdict, verdictAt);
  }

  public RiskAssessment withVerdict(Verdict v, Instant at) {
    return new RiskAssessment(orderId, customerId, email, score, status, reasons, gatewayRisk,
        gateways, cards, flaggedAt, updatedAt, caseId, v, at);
  }

  /** A FRAUD case is due and not yet opened. */
  public boolean caseDue() {
    return status == RiskStatus.CASE && caseId == null;
  }

  /** Where the order sits in the review queue: its verdict once it has one, else its status. */
  public String queue() {
    return verdict != null ? verdict.name() : status.name();
  }

  /** The more severe of two gateway assessments (the first on a tie), either may be null. */
  public static PaymentEvent.Risk moreSevere(PaymentEvent.Risk a, PaymentEvent.Risk b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return severity(b.level()) > severity(a.level()) ? b : a;
  }

  private static int severity(PaymentEvent.RiskLevel level) {
    return switch (level) {
      case NOT_ASSESSED -> 0;
      case NORMAL -> 1;
      case ELEVATED -> 2;
      case HIGH -> 3;
    };
  }
}
