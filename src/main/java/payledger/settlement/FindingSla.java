package payledger.settlement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import payledger.settlement.BatchEvent.FindingDeadlinePassed;

/**
 * When each SLA moment of a batch's open findings falls and which have come: pure, so the entity
 * only asks (the discrepancies' rule applied to settlement findings). The notice is due by
 * {@link Finding#noticeBy()} and the resolution by {@link Finding#resolveBy()}, each with a warning
 * once {@code warnAt} of its window from {@link Finding#detectedAt()} passed. A resolved finding has no moments; each moment passes once;
 * a breach raises the finding's escalation by one, up to {@link #MAX_ESCALATION}.
 */
public final class FindingSla {

  public static final int MAX_ESCALATION = 2;

  private FindingSla() {}

  /** One moment of one finding that still matters. */
  public record Moment(FindingStatus status, FindingDeadline deadline, Instant at) {}

  /** Every moment of the finding that still matters, with its time. */
  public static Map<FindingDeadline, Instant> schedule(FindingStatus f, double warnAt) {
    Map<FindingDeadline, Instant> moments = new EnumMap<>(FindingDeadline.class);
    if (!f.isOpen()) {
      return moments;
    }
    Finding raised = f.finding();
    moments.put(FindingDeadline.NOTICE_WARNING, warning(raised, raised.noticeBy(), warnAt));
    moments.put(FindingDeadline.NOTICE_OVERDUE, raised.noticeBy());
    moments.put(FindingDeadline.RESOLUTION_WARNING, warning(raised, raised.resolveBy(), warnAt));
    moments.put(FindingDeadline.RESOLUTION_OVERDUE, raised.resolveBy());
    f.passed().forEach(moments::remove);
    return moments;
  }

  /** The four moments of a newly raised finding, for the deadlines table. */
  public static List<Instant> wakeUps(Finding raised, double warnAt) {
    return List.of(warning(raised, raised.noticeBy(), warnAt), raised.noticeBy(),
        warning(raised, raised.resolveBy(), warnAt), raised.resolveBy());
  }

  /** The events that journal the moments due at {@code now}, earliest first. */
  public static List<BatchEvent> passing(BatchState batch, Instant now, double warnAt) {
    List<BatchEvent> events = new ArrayList<>();
    // Several moments of one finding may pass together (a wake-up after downtime): each breach
    // escalates from the level the one before it left.
    Map<String, Integer> levels = new java.util.HashMap<>();
    moments(batch, warnAt).filter(m -> !m.at().isAfter(now))
        .sorted(Comparator.comparing(Moment::at).thenComparing(Moment::deadline))
        .forEach(m -> {
          Finding f = m.status().finding();
          int before = levels.getOrDefault(f.findingId(), m.status().escalation());
          int level = m.deadline().isBreach() ? Math.min(MAX_ESCALATION, before + 1) : before;
          levels.put(f.findingId(), level);
          events.add(new FindingDeadlinePassed(batch.batchKey(), f.findingId(), f.type(),
              m.deadline(), m.at(), level, now));
        });
    return events;
  }

  /** The earliest moment still to come for any open finding. */
  public static Optional<Instant> next(BatchState batch, double warnAt) {
    return moments(batch, warnAt).map(Moment::at).min(Instant::compareTo);
  }

  /** Time left to the finding's resolution deadline (negative once overdue); zero when resolved. */
  public static Duration timeLeft(FindingStatus f, Instant now) {
    return f.isOpen() ? Duration.between(now, f.finding().resolveBy()) : Duration.ZERO;
  }

  private static Stream<Moment> moments(BatchState batch, double warnAt) {
    return batch.all().stream().filter(FindingStatus::isOpen)
        .flatMap(f -> schedule(f, warnAt).entrySet().stream()
            .map(e -> new Moment(f, e.getKey(), e.getValue())));
  }

  private static Instant warning(Finding f, Instant due, double warnAt) {
    long window = Duration.between(f.detectedAt(), due).toMillis();
    return f.detectedAt().plusMillis(Math.round(window * warnAt));
  }
}
