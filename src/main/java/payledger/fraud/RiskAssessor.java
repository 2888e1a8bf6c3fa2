package payledger.fraud;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import payledger.order.PaymentEvent;

/**
 * One payment event's step through the rules, the same for the projection and for the offline
 * evaluation of the rules on a data set: which histories it reads and writes ({@link #subjects}),
 * the rules on its context, and the order's assessment after it.
 */
public final class RiskAssessor {

  /** A history: {@code c:} a customer, {@code f:} a card fingerprint, {@code e:} an email. */
  public record Subjects(String customer, String card, String email) {

    /** The histories the payment goes into (null ones left out). */
    public List<String> all() {
      List<String> keys = new ArrayList<>(3);
      for (String key : new String[] {customer, card, email}) {
        if (key != null) {
          keys.add(key);
        }
      }
      return keys;
    }
  }

  /** What the rules found, and the order's assessment with it. */
  public record Step(List<Reason> fired, RiskAssessment after) {}

  private final FraudSettings settings;
  private final FraudRules rules;

  public RiskAssessor(FraudSettings settings) {
    this.settings = settings;
    this.rules = new FraudRules(settings);
  }

  public FraudSettings settings() {
    return settings;
  }

  /** The payment's customer is the event's, or else the order's invoice's. */
  public static Subjects subjects(PaymentEvent event, RiskAssessment order) {
    String customer = event.customerId() != null ? event.customerId() : order.customerId();
    String fingerprint = event.card() == null ? null : event.card().fingerprint();
    return new Subjects(customer == null ? null : "c:" + customer,
        fingerprint == null ? null : "f:" + fingerprint,
        order.email() == null ? null : "e:" + order.email().strip().toLowerCase(Locale.ROOT));
  }

  /**
   * @param fact the payment as the histories keep it (its order null when held without one)
   * @param customer, card, email the subjects' recent payments (empty for a subject it has not)
   */
  public Step assess(RiskAssessment before, PaymentFact fact, PaymentEvent.Risk gatewayRisk,
      List<PaymentFact> customer, List<PaymentFact> card, List<PaymentFact> email) {
    RiskAssessment sourced = before.withSource(fact);
    List<Reason> fired = rules.evaluate(new RiskContext(fact, customer, card, email,
        sourced.gateways(), sourced.cards()));
    return new Step(fired, sourced.with(fired, gatewayRisk, fact.at(), settings));
  }
}
