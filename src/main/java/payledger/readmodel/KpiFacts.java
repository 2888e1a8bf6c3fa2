package payledger.readmodel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import payledger.dispute.DisputeCase;
import payledger.order.Discrepancy;
import payledger.order.OrderState;
import payledger.order.OrderStatus;
import payledger.order.PaymentEventType;
import payledger.order.RecordedPayment;

/**
 * Pure: the KPI facts of an order's or a case's state. A projection writes the facts that differ
 * from those of the state before the event.
 *
 * <p>Two measures have their hooks here but no facts yet: the order's receipt (ORDER
 * {@code doneAt/doneDue}: sent within 24 h of being paid) and the discrepancy's customer notice
 * (DISCREPANCY {@code ackAt/ackDue}: notified by {@code customerNotifyBy}). Once the order's events
 * record receipt deliveries and customer notices, setting those four fields below is the change.
 */
public final class KpiFacts {

  private KpiFacts() {}

  public static List<KpiFact> of(OrderState state) {
    OrderRow row = OrderRow.of(state);
    if (row == null) {
      return List.of();
    }
    String id = state.orderId();
    int shard = KpiFact.shardOf(id);
    List<KpiFact> facts = new ArrayList<>();
    var facts0 = state.facts();
    if (facts0.registeredAt() != null) {
      Set<String> flags = new HashSet<>();
      if (state.status() == OrderStatus.RECONCILED) {
        flags.add(KpiFact.RECONCILED);
      }
      if (state.autoReconciled()) {
        flags.add(KpiFact.AUTO_RECONCILED);
      }
      facts.add(new KpiFact(Days.day(facts0.registeredAt()), shard, KpiFact.Kind.ORDER, id,
          row.method(), row.gateway(), null, facts0.registeredAt(), null, null, null, null, flags,
          null));
      // Payments are counted for registered orders only: a held payment is recorded again in
      // the order it is linked to, and must not count twice.
      for (RecordedPayment p : facts0.payments()) {
        if (p.is(PaymentEventType.SUCCEEDED)) {
          facts.add(new KpiFact(Days.day(p.recordedAt()), shard, KpiFact.Kind.PAYMENT,
              id + "/" + p.event().key(), orDefault(p.event().method()), p.event().gateway(), null,
              p.recordedAt(), null, null, null, null, Set.of(), null));
        }
      }
    }
    for (Discrepancy d : state.discrepancies()) {
      facts.add(new KpiFact(Days.day(d.detectedAt()), shard, KpiFact.Kind.DISCREPANCY,
          id + "/" + d.id(), row.method(), row.gateway(), d.type().name(), d.detectedAt(),
          null, null, d.resolvedAt(), d.resolveBy(), Set.of(), null));
    }
    return facts;
  }

  /** The facts of a case, attributed to the payment method and gateway of its order. */
  public static List<KpiFact> of(DisputeCase c, String method, String gateway) {
    if (!c.isOpened()) {
      return List.of();
    }
    Set<String> flags = new HashSet<>();
    if (c.escalation() > 0) {
      flags.add(KpiFact.ESCALATED);
    }
    if (c.firstContactResolution()) {
      flags.add(KpiFact.FIRST_CONTACT);
    }
    return List.of(new KpiFact(Days.day(c.openedAt()), KpiFact.shardOf(c.disputeId()),
        KpiFact.Kind.CASE, c.disputeId(), orDefault(method), orDefault(gateway),
        c.details().category().kind().name(), c.openedAt(), c.acknowledgedAt(), c.acknowledgeBy(),
        c.resolvedAt(), c.resolveBy(), flags, c.csat()));
  }

  /** The facts of {@code after} that are new or differ from those of {@code before}. */
  public static List<KpiFact> changed(List<KpiFact> before, List<KpiFact> after) {
    Map<String, KpiFact> old = new LinkedHashMap<>();
    before.forEach(f -> old.put(f.key(), f));
    return after.stream().filter(f -> !Objects.equals(old.get(f.key()), f)).toList();
  }

  private static String orDefault(String value) {
    return value == null || value.isBlank() ? OrderRow.NONE : value;
  }
}
