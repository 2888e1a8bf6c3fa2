package payledger.vendor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import payledger.serialization.CborSerializable;

/**
 * A vendor's payouts as its ledger knows them: every payout event it recorded (by
 * {@link PayoutEvent#key()}, so a redelivery has no second effect), each payout's latest event (by
 * {@link PayoutEvent#payoutKey()}) and the payout discrepancies, open and resolved.
 */
public record PayoutBook(Map<String, PayoutEvent> events, Map<String, PayoutEvent> payouts,
    List<PayoutDiscrepancy> discrepancies) implements CborSerializable {

  public static final PayoutBook EMPTY = new PayoutBook(Map.of(), Map.of(), List.of());

  public PayoutBook {
    events = events == null ? Map.of() : Map.copyOf(events);
    payouts = payouts == null ? Map.of() : Map.copyOf(payouts);
    discrepancies = discrepancies == null ? List.of() : List.copyOf(discrepancies);
  }

  public PayoutDiscrepancy discrepancy(String id) {
    return discrepancies.stream().filter(d -> d.id().equals(id)).findFirst().orElse(null);
  }

  public List<PayoutDiscrepancy> open() {
    return discrepancies.stream().filter(PayoutDiscrepancy::isOpen).toList();
  }

  /** The next discrepancy id: its place in the vendor's list, so replays give the same ids. */
  String nextDiscrepancyId() {
    return "PD" + (discrepancies.size() + 1);
  }

  PayoutBook record(PayoutEvent e) {
    Map<String, PayoutEvent> moreEvents = new HashMap<>(events);
    moreEvents.put(e.key(), e);
    Map<String, PayoutEvent> morePayouts = new HashMap<>(payouts);
    PayoutEvent known = payouts.get(e.payoutKey());
    // A failed payout stays failed: a late or repeated "paid" does not revive it.
    if (known == null || known.status() == PayoutEvent.Status.PAID) {
      morePayouts.put(e.payoutKey(), e);
    }
    return new PayoutBook(moreEvents, morePayouts, discrepancies);
  }

  PayoutBook add(PayoutDiscrepancy d) {
    List<PayoutDiscrepancy> more = new ArrayList<>(discrepancies);
    more.add(d);
    return new PayoutBook(events, payouts, more);
  }

  PayoutBook change(String id, UnaryOperator<PayoutDiscrepancy> change) {
    return new PayoutBook(events, payouts,
        discrepancies.stream().map(d -> d.id().equals(id) ? change.apply(d) : d).toList());
  }
}
