package payledger.fraud;

import java.util.Locale;
import java.util.Optional;
import payledger.dispute.CaseResolution;

/**
 * What a resolved FRAUD case says of the flagged order, read from the resolution's reason so no
 * field is added to the case: a reason that starts with {@code fraud} or {@code confirmed fraud}
 * confirms it, one that starts with {@code not fraud}, {@code legitimate} or {@code false positive}
 * clears it. Any other reason gives no verdict (the order is not counted either way).
 */
public enum Verdict {
  CONFIRMED,
  NOT_FRAUD;

  public static Optional<Verdict> of(CaseResolution resolution) {
    if (resolution == null || resolution.reason() == null) {
      return Optional.empty();
    }
    String reason = resolution.reason().strip().toLowerCase(Locale.ROOT);
    if (reason.startsWith("not fraud") || reason.startsWith("legitimate")
        || reason.startsWith("false positive")) {
      return Optional.of(NOT_FRAUD);
    }
    if (reason.startsWith("fraud") || reason.startsWith("confirmed fraud")) {
      return Optional.of(CONFIRMED);
    }
    return Optional.empty();
  }
}
