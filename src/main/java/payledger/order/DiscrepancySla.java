package payledger.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import payledger.order.OrderEvent.DiscrepancyDeadlinePassed;

/**
 * When each SLA moment of an order's open discrepancies falls and which have come: pure, so the
 * entity only asks (the cases' rule, {@code DisputeSla}, applied to discrepancies). The customer
 * notice is due by {@link Discrepancy#customerNotifyBy()}, the resolution by
 * {@link Discrepancy#resolveBy()}, each with a warning once {@link ReconciliationSettings#warnAt()}
 * of its window passed.
 *
 * <p>A moment that no longer matters never fires: none once the discrepancy is resolved (by hand
 * or auto-matched); no notice moments once a notice about it reached the customer on any channel,
 * nor for discrepancies no customer is told of (unlinked money, a withheld receipt). Each breach
 * raises the discrepancy's escalation by one, up to {@link #MAX_ESCALATION}.
 */
public final class DiscrepancySla {

  public static final int MAX_ESCALATION = 2;

  /** The notifications that tell a customer of a discrepancy (an underpayment's is an update). */
  private static final Set<String> NOTICES = Set.of("DISCREPANCY_NOTICE", "PAYMENT_UPDATE");

  /** Discrepancies no customer notice is sent for (see the notification plan). */
  private static final Set<DiscrepancyType> UNTOLD =
      Set.of(DiscrepancyType.UNLINKED_PAYMENT, DiscrepancyType.RECEIPT_MISMATCH);

  private DiscrepancySla() {}

  /** One moment of one discrepancy that still matters. */
  public record Moment(Discrepancy discrepancy, DiscrepancyDeadline deadline, Instant at) {}

  /** Every moment of {@code d} that still matters in {@code state}, with its time. */
  public static Map<DiscrepancyDeadline, Instant> schedule(
      OrderState state, Discrepancy d, ReconciliationSettings rules) {
    Map<DiscrepancyDeadline, Instant> moments = new EnumMap<>(DiscrepancyDeadline.class);
    if (!d.isOpen()) {
      return moments;
    }
    if (!UNTOLD.contains(d.type()) && !noticeDelivered(state, d.id())) {
      moments.put(DiscrepancyDeadline.NOTICE_WARNING,
          warning(d.detectedAt(), d.customerNotifyBy(), rules));
      moments.put(DiscrepancyDeadline.NOTICE_OVERDUE, d.customerNotifyBy());
    }
    moments.put(DiscrepancyDeadline.RESOLUTION_WARNING,
        warning(d.detectedAt(), d.resolveBy(), rules));
    moments.put(DiscrepancyDeadline.RESOLUTION_OVERDUE, d.resolveBy());
    moments.keySet().removeAll(passed(state, d.id()));
    return moments;
  }

  /** The moments that have come by {@code now} and not passed yet, earliest first. */
  public static List<Moment> due(OrderState state, Instant now, ReconciliationSettings rules) {
    return moments(state, rules).filter(m -> !m.at().isAfter(now))
        .sorted(Comparator.comparing(Moment::at).thenComparing(Moment::deadline))
        .toList();
  }

  /** The events that journal the moments due at {@code now}, escalation counted in order. */
  public static List<OrderEvent> passing(OrderState state, Instant now, ReconciliationSettings rules) {
    List<OrderEvent> events = new ArrayList<>();
    OrderState after = state;
    for (Moment m : due(state, now, rules)) {
      int level = escalation(after, m.discrepancy().id());
      if (m.deadline().isBreach()) {
        level = Math.min(MAX_ESCALATION, level + 1);
      }
      DiscrepancyDeadlinePassed passed = new DiscrepancyDeadlinePassed(state.orderId(),
          m.discrepancy().id(), m.discrepancy().type(), m.deadline(), m.at(), level, now);
      events.add(passed);
      after = after.apply(passed);
    }
    return events;
  }

  /** The earliest moment still to come for any open discrepancy. */
  public static Optional<Instant> next(OrderState state, ReconciliationSettings rules) {
    return moments(state, rules).map(Moment::at).min(Instant::compareTo);
  }

  /** The discrepancy's escalation level (0-2): one per breach that passed. */
  public static int escalation(OrderState state, String discrepancyId) {
    return state.slaPassed().stream()
        .filter(p -> p.discrepancyId().equals(discrepancyId))
        .mapToInt(DiscrepancyDeadlinePassed::escalation)
        .max().orElse(0);
  }

  /** The moments of the discrepancy that have passed, in the order they passed. */
  public static List<DiscrepancyDeadline> passed(OrderState state, String discrepancyId) {
    return state.slaPassed().stream()
        .filter(p -> p.discrepancyId().equals(discrepancyId))
        .map(DiscrepancyDeadlinePassed::deadline)
        .toList();
  }

  /** Whether the customer is sent a notice of discrepancies of this type. */
  public static boolean customerIsTold(DiscrepancyType type) {
    return !UNTOLD.contains(type);
  }

  /** Whether a notice about the discrepancy reached the customer, on whatever channel. */
  public static boolean noticeDelivered(OrderState state, String discrepancyId) {
    return noticeDeliveredAt(state, discrepancyId) != null;
  }

  /** When a notice of the discrepancy first reached its customer, on any channel; null if never. */
  public static Instant noticeDeliveredAt(OrderState state, String discrepancyId) {
    return state.comms().reports().stream()
        .filter(r -> r.delivered() && discrepancyId.equals(r.subjectId()) && NOTICES.contains(r.kind()))
        .map(DeliveryReport::at)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  private static Stream<Moment> moments(OrderState state, ReconciliationSettings rules) {
    return state.discrepancies().stream().filter(Discrepancy::isOpen)
        .flatMap(d -> schedule(state, d, rules).entrySet().stream()
            .map(e -> new Moment(d, e.getKey(), e.getValue())));
  }

  private static Instant warning(Instant from, Instant to, ReconciliationSettings rules) {
    long window = Duration.between(from, to).toMillis();
    return from.plusMillis(Math.round(window * rules.warnAt()));
  }
}
