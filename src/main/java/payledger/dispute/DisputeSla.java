package payledger.dispute;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When each SLA moment of a case falls and which have come: pure, so the entity only asks. A
 * moment that no longer matters (acknowledged before the ack deadline, resolved before the
 * resolution deadline) never fires.
 */
public final class DisputeSla {

  private DisputeSla() {}

  /** Every moment that still matters for this case, with its time. */
  public static Map<SlaDeadline, Instant> schedule(DisputeCase c, DisputeSettings settings) {
    Map<SlaDeadline, Instant> moments = new EnumMap<>(SlaDeadline.class);
    if (!c.isOpened()) {
      return moments;
    }
    if (c.acknowledgedAt() == null && c.state().isActive()) {
      moments.put(SlaDeadline.ACK_WARNING, warning(c.openedAt(), c.acknowledgeBy(), settings));
      moments.put(SlaDeadline.ACK_OVERDUE, c.acknowledgeBy());
    }
    if (c.state().isActive()) {
      moments.put(SlaDeadline.RESOLUTION_WARNING, warning(c.openedAt(), c.resolveBy(), settings));
      moments.put(SlaDeadline.RESOLUTION_OVERDUE, c.resolveBy());
      if (c.evidenceDueBy() != null) {
        moments.put(SlaDeadline.EVIDENCE_DUE_SOON, c.evidenceDueBy().minus(settings.evidenceWarning()));
      }
    }
    moments.keySet().removeAll(c.passed());
    return moments;
  }

  /** The moments that have come by {@code now} and not fired yet, earliest first. */
  public static List<Map.Entry<SlaDeadline, Instant>> due(
      DisputeCase c, Instant now, DisputeSettings settings) {
    List<Map.Entry<SlaDeadline, Instant>> due = new ArrayList<>();
    schedule(c, settings).entrySet().stream()
        .filter(e -> !e.getValue().isAfter(now))
        .sorted(Map.Entry.comparingByValue())
        .forEach(due::add);
    return due;
  }

  /** Every SLA moment a newly opened case will have, for the deadline scheduler. */
  public static List<Instant> wakeUps(DisputeEvent event, DisputeSettings settings) {
    if (event instanceof DisputeEvent.Opened opened) {
      return List.copyOf(schedule(DisputeCase.empty(opened.disputeId()).apply(opened), settings).values());
    }
    return List.of();
  }

  public static Optional<Instant> next(DisputeCase c, DisputeSettings settings) {
    return schedule(c, settings).values().stream().min(Instant::compareTo);
  }

  private static Instant warning(Instant from, Instant to, DisputeSettings settings) {
    long window = Duration.between(from, to).toMillis();
    return from.plusMillis(Math.round(window * settings.warnAt()));
  }
}
