package payledger.order;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The time rules of reconciliation, from {@code payledger.reconciliation}.
 *
 * @param notifyWithin a discrepancy's customer must be told within this (24 h target)
 * @param resolveWithin a discrepancy must be resolved within this (48 h target)
 * @param paymentGrace how long after registration (or after a failed attempt) the customer has to
 *     pay before MISSING_PAYMENT (or FAILED_PAYMENT) is raised
 * @param unlinkedGrace how long a payment may wait for its order before UNLINKED_PAYMENT
 * @param warnAt the share of a discrepancy's notice or resolution window after which a pre-breach
 *     warning is raised (0.75)
 */
public record ReconciliationSettings(Duration notifyWithin, Duration resolveWithin,
    Duration paymentGrace, Duration unlinkedGrace, double warnAt) {

  /** The warning share where the configuration names none. */
  public static final double WARN_AT = 0.75;

  public static final ReconciliationSettings DEFAULT =
      new ReconciliationSettings(
          Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(1), Duration.ofHours(1));

  public ReconciliationSettings(
      Duration notifyWithin, Duration resolveWithin, Duration paymentGrace, Duration unlinkedGrace) {
    this(notifyWithin, resolveWithin, paymentGrace, unlinkedGrace, WARN_AT);
  }

  public static ReconciliationSettings from(Config config) {
    Config c = config.getConfig("payledger.reconciliation");
    return new ReconciliationSettings(
        c.getDuration("customer-notify-within"),
        c.getDuration("resolve-within"),
        c.getDuration("payment-grace"),
        c.getDuration("unlinked-grace"),
        c.hasPath("warn-at") ? c.getDouble("warn-at") : WARN_AT);
  }
}
