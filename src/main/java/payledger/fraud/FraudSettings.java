package payledger.fraud;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The rules' thresholds and windows, the weights that add up to an order's score and the two
 * thresholds on it, from {@code payledger.fraud} ({@code fraud.conf}, where each is explained).
 *
 * @param historyTtl how long a payment stays in a customer's, card's or email's history (the
 *     longest window below must fit in it)
 * @param historyLimit the most recent payments read per history: bounds each read
 */
public record FraudSettings(Duration historyTtl, int historyLimit, int reviewScore, int caseScore,
    Map<FraudRule, Integer> weights, CardTesting cardTesting, Failures failures, Cards cards,
    Refunds refunds, Chargebacks chargebacks, Spike spike, Habits habits, MultiSource multiSource,
    Unlinked unlinked) {

  /** {@code attempts} authorisations or failures of at most {@code smallAmount} within {@code window}. */
  public record CardTesting(Duration window, long smallAmount, int attempts) {}

  public record Failures(Duration window, int failures) {}

  /** {@code distinct} card fingerprints for one customer or email within {@code window}. */
  public record Cards(Duration window, int distinct) {}

  /** At least {@code minRefunds} refunds and refunded / paid at least {@code ratio} within {@code window}. */
  public record Refunds(Duration window, int minRefunds, double ratio) {}

  /** At least {@code prior} chargebacks (less reversals) before, within {@code window}. */
  public record Chargebacks(Duration window, int prior) {}

  /**
   * An amount of at least {@code minAmount}, over {@code overMedian} times the median and over
   * {@code overMax} times the largest of at least {@code minHistory} earlier payments.
   */
  public record Spike(Duration window, int minHistory, double overMedian, double overMax, long minAmount) {}

  /** A currency or method unseen in at least {@code minHistory} successful payments within {@code window}. */
  public record Habits(Duration window, int minHistory) {}

  public record MultiSource(int gateways, int cards) {}

  public record Unlinked(Duration window, int payments) {}

  public FraudSettings {
    weights = Map.copyOf(weights);
    if (reviewScore > caseScore) {
      throw new IllegalArgumentException("the review score must not be above the case score");
    }
  }

  public int weight(FraudRule rule) {
    return weights.getOrDefault(rule, 0);
  }

  public static FraudSettings from(Config root) {
    Config c = root.getConfig("payledger.fraud");
    Map<FraudRule, Integer> weights = new EnumMap<>(FraudRule.class);
    for (FraudRule rule : FraudRule.values()) {
      weights.put(rule, c.getInt("weights." + rule.name()));
    }
    for (String key : c.getConfig("weights").root().keySet()) {
      try {
        FraudRule.valueOf(key);
      } catch (IllegalArgumentException e) {
        throw new ConfigException.BadPath("payledger.fraud.weights." + key, "no rule of that name");
      }
    }
    FraudSettings s = new FraudSettings(
        c.getDuration("history-ttl"), c.getInt("history-limit"),
        c.getInt("review-score"), c.getInt("case-score"), weights,
        new CardTesting(c.getDuration("card-testing.window"), c.getLong("card-testing.small-amount"),
            c.getInt("card-testing.attempts")),
        new Failures(c.getDuration("failure-velocity.window"), c.getInt("failure-velocity.failures")),
        new Cards(c.getDuration("many-cards.window"), c.getInt("many-cards.distinct")),
        new Refunds(c.getDuration("refund-abuse.window"), c.getInt("refund-abuse.min-refunds"),
            c.getDouble("refund-abuse.ratio")),
        new Chargebacks(c.getDuration("chargeback-history.window"), c.getInt("chargeback-history.prior")),
        new Spike(c.getDuration("amount-spike.window"), c.getInt("amount-spike.min-history"),
            c.getDouble("amount-spike.over-median"), c.getDouble("amount-spike.over-max"),
            c.getLong("amount-spike.min-amount")),
        new Habits(c.getDuration("habits.window"), c.getInt("habits.min-history")),
        new MultiSource(c.getInt("multi-source.gateways"), c.getInt("multi-source.cards")),
        new Unlinked(c.getDuration("unlinked.window"), c.getInt("unlinked.payments")));
    Duration longest = s.longestWindow();
    if (s.historyTtl().compareTo(longest) < 0) {
      throw new ConfigException.BadValue("payledger.fraud.history-ttl",
          "must be at least the longest rule window (" + longest + ")");
    }
    return s;
  }

  Duration longestWindow() {
    Duration longest = cardTesting.window();
    for (Duration d : new Duration[] {failures.window(), cards.window(), refunds.window(),
        chargebacks.window(), spike.window(), habits.window(), unlinked.window()}) {
      longest = d.compareTo(longest) > 0 ? d : longest;
    }
    return longest;
  }
}
