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

  /**
   * This wake-up, or the same at {@code earliest} when it is due sooner: the scheduler reads each
   * slice of time once, so a row must be written before its time comes.
   */
  public Deadline notBefore(Instant earliest) {
    return dueAt.isBefore(earliest) ? new Deadline(entityType, entityId, earliest) : this;
  }

  /** The table partition of an instant: one per hour keeps partitions small and scans cheap. */
  public static String bucket(Instant at) {
    return HOUR.format(at);
  }
}
