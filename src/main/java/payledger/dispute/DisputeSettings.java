package payledger.dispute;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The SLA of cases, from {@code payledger.disputes}.
 *
 * @param acknowledgeWithin a case must be acknowledged within this (1 h target)
 * @param resolveWithin and resolved within this (48 h target)
 * @param warnAt the share of a window after which a pre-breach warning is raised (0.75)
 * @param evidenceWarning how long before the gateway's evidence deadline to warn
 */
public record DisputeSettings(
    Duration acknowledgeWithin, Duration resolveWithin, double warnAt, Duration evidenceWarning) {

  public static final DisputeSettings DEFAULT =
      new DisputeSettings(Duration.ofHours(1), Duration.ofHours(48), 0.75, Duration.ofHours(24));

  public static DisputeSettings from(Config config) {
    Config c = config.getConfig("payledger.disputes");
    return new DisputeSettings(
        c.getDuration("acknowledge-within"),
        c.getDuration("resolve-within"),
        c.getDouble("warn-at"),
        c.getDuration("evidence-warning"));
  }
}
