package payledger.vendor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import payledger.serialization.CborSerializable;

/**
 * A vendor's payouts as its ledger knows them: every payout event it recorded (by
 * {@link PayoutEvent#key()}, so a redelivery has no second effect), each payout's latest event (by
 * {@link PayoutEvent#payoutKey()}), the payout discrepancies, open and resolved, the discrepancies
 * whose vendor notice deadline came ({@code noticesDue}) and how each notice to the vendor ended
 * ({@code notices}, by notification id).
 */
public record PayoutBook(Map<String, PayoutEvent> events, Map<String, PayoutEvent> payouts,
    List<PayoutDiscrepancy> discrepancies, Set<String> noticesDue, Map<String, VendorNotice> notices)
    implements CborSerializable {

  /**
   * How one notice to the vendor ended (a discrepancy found, its notice deadline come).
   *
   * @param channel null when it was delivered on no channel
   */
  public record VendorNotice(String notificationId, String discrepancyId, String channel,
      boolean delivered, Instant at) implements CborSerializable {}

  public static final PayoutBook EMPTY = new PayoutBook(Map.of(), Map.of(), List.of(), Set.of(), Map.of());

  /** Older snapshots have neither notices due nor notices: empty. */
  public PayoutBook {
    events = events == null ? Map.of() : Map.copyOf(events);
    payouts = payouts == null ? Map.of() : Map.copyOf(payouts);
    discrepancies = discrepancies == null ? List.of() : List.copyOf(discrepancies);
    noticesDue = noticesDue == null ? Set.of() : Set.copyOf(noticesDue);
    notices = notices == null ? Map.of() : Map.copyOf(notices);
  }

  /** The first notice about a discrepancy that reached the vendor, or null while none has. */
  public VendorNotice firstDelivered(String discrepancyId) {
    return notices.values().stream()
        .filter(n -> n.delivered() && n.discrepancyId().equals(discrepancyId))
        .min(java.util.Comparator.comparing(VendorNotice::at)).orElse(null);
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
    return new PayoutBook(moreEvents, morePayouts, discrepancies, noticesDue, notices);
  }

  PayoutBook add(PayoutDiscrepancy d) {
    List<PayoutDiscrepancy> more = new ArrayList<>(discrepancies);
    more.add(d);
    return new PayoutBook(events, payouts, more, noticesDue, notices);
  }

  PayoutBook change(String id, UnaryOperator<PayoutDiscrepancy> change) {
    return new PayoutBook(events, payouts,
        discrepancies.stream().map(d -> d.id().equals(id) ? change.apply(d) : d).toList(),
        noticesDue, notices);
  }

  PayoutBook noticeDue(String discrepancyId) {
    Set<String> more = new HashSet<>(noticesDue);
    more.add(discrepancyId);
    return new PayoutBook(events, payouts, discrepancies, more, notices);
  }

  PayoutBook notice(VendorNotice notice) {
    Map<String, VendorNotice> more = new HashMap<>(notices);
    more.putIfAbsent(notice.notificationId(), notice);
    return new PayoutBook(events, payouts, discrepancies, noticesDue, more);
  }
}
