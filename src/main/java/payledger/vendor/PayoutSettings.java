package payledger.vendor;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code payledger.vendors.payouts}: how long after a payout day a payout may still arrive before it
 * is missing, and the deadlines of a payout discrepancy (vendor notice, resolution).
 *
 * @param reconcileFrom payout days before it are never flagged missing (null: every day): the
 *     day payout events started to be sent to payledger, so older payouts are not taken as missing
 */
public record PayoutSettings(Duration grace, Duration notice, Duration resolution,
    Instant reconcileFrom) {

  public static final PayoutSettings DEFAULT =
      new PayoutSettings(Duration.ofDays(2), Duration.ofHours(24), Duration.ofHours(48), null);

  public static PayoutSettings from(Config config) {
    String path = "payledger.vendors.payouts";
    if (!config.hasPath(path)) {
      return DEFAULT;
    }
    Config c = config.getConfig(path);
    return new PayoutSettings(c.getDuration("grace"), c.getDuration("notice"),
        c.getDuration("resolution"),
        c.getString("reconcile-from").isBlank() ? null : Instant.parse(c.getString("reconcile-from")));
  }
}
