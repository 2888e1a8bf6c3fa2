package payledger.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import payledger.order.OrderEvent.DiscrepancyOpened;
import payledger.order.OrderEvent.DiscrepancyResolved;

/**
 * Keeps an order's discrepancies in step with the findings of {@link Reconciliation}: pure, so the
 * entity only decides <em>when</em> to ask. A finding nobody tracks yet is opened; an open
 * discrepancy whose finding no longer holds is closed by whatever changed the facts.
 *
 * <p>A manual resolution settles its finding: the same finding (kind, subject and amounts) is not
 * raised again, but a changed one (e.g. a further refund deepens a written-off underpayment) is.
 */
public final class Discrepancies {

  private Discrepancies() {}

  /** Who or what closes the discrepancies that a change of facts makes go away. */
  public record Closure(Resolution resolution, String actor, String note) {}

  public static final Closure AUTOMATIC = new Closure(Resolution.AUTO_MATCHED, "payledger", null);

  /**
   * What a write of {@code facts} journals, in order: the SLA moments that came before them (a
   * late payment or resolution does not undo a breach), the facts, the discrepancy changes they
   * cause, and the moments those changes make due at {@code now}.
   */
  public static List<OrderEvent> withConsequences(OrderState state, List<OrderEvent> facts,
      Instant now, ReconciliationSettings rules, Closure closure) {
    List<OrderEvent> events = new ArrayList<>(DiscrepancySla.passing(state, now, rules));
    events.addAll(facts);
    OrderState after = state;
    for (OrderEvent event : events) {
      after = after.apply(event);
    }
    List<OrderEvent> changes = follow(after, now, rules, closure);
    for (OrderEvent change : changes) {
      after = after.apply(change);
    }
    events.addAll(changes);
    events.addAll(DiscrepancySla.passing(after, now, rules));
    return events;
  }

  /** The events that bring {@code state}'s discrepancies in line with its facts at {@code now}. */
  public static List<OrderEvent> follow(
      OrderState state, Instant now, ReconciliationSettings rules, Closure closure) {
    List<Reconciliation.Finding> findings = Reconciliation.findings(state.facts(), now, rules);
    List<OrderEvent> events = new ArrayList<>();
    for (Discrepancy open : state.discrepancies()) {
      // A receipt mismatch is not a reconciliation finding: changed facts never close it.
      if (open.isOpen() && open.type() != DiscrepancyType.RECEIPT_MISMATCH
          && findings.stream().noneMatch(open::sameKey)) {
        events.add(new DiscrepancyResolved(state.orderId(), open.id(), closure.resolution(),
            closure.actor(), closure.note(), now));
      }
    }
    int next = state.discrepancies().size() + 1;
    for (Reconciliation.Finding finding : findings) {
      boolean tracked = state.discrepancies().stream()
          .anyMatch(d -> d.isOpen() ? d.sameKey(finding) : d.isManuallyResolved() && d.describes(finding));
      if (!tracked) {
        events.add(new DiscrepancyOpened(state.orderId(), open("D" + next++, finding, rules)));
      }
    }
    return events;
  }

  private static Discrepancy open(
      String id, Reconciliation.Finding f, ReconciliationSettings rules) {
    return new Discrepancy(id, f.type(), f.subject(), f.expected(), f.actual(), f.payments(),
        f.detail(), f.since(), f.since().plus(rules.notifyWithin()),
        f.since().plus(rules.resolveWithin()), null, null, null, null);
  }
}
