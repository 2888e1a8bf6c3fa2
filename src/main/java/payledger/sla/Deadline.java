package payledger.sla;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A wake-up call: at {@code dueAt}, tell entity {@code entityId} of {@code entityType} that time has
 * come. The entity itself knows which of its deadlines that is (they are in its events), so a
 * wake-up is idempotent and an early or repeated one does no harm.
 */
public record Deadline(String entityType, String entityId, Instant dueAt) {

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

  /** The table partition of an instant: one per hour keeps partitions small and scans cheap. */
  public static String bucket(Instant at) {
    return HOUR.format(at);
  }
}
