package payledger.vendor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import payledger.chain.ChainedState;
import payledger.serialization.CborSerializable;
import payledger.vendor.VendorEvent.*;

/**
 * The state of a {@link VendorLedger}: the vendor's profile, terms and schedule, what it has of
 * each order, and every movement of its balance (its statements are read from them).
 *
 * @param profile null until registered (an order may credit a vendor before it is registered)
 * @param terms the commission terms, by {@code effectiveFrom}
 * @param orders what the vendor has of each order it sells in
 * @param payouts the payout events, payouts and payout discrepancies (empty in older snapshots)
 * @param lastHash the hash of the last journaled event (the audit chain); null before the first
 */
public record VendorState(
    String vendorId,
    VendorProfile profile,
    PayoutSchedule schedule,
    List<CommissionTerms> terms,
    Map<String, OrderEntry> orders,
    List<Movement> movements,
    PayoutBook payouts,
    String lastHash)
    implements CborSerializable, ChainedState<VendorState> {

  /**
   * The vendor's part of one order so far.
   *
   * @param lastSeqNr the order event the part follows: older or repeated updates are ignored
   * @param terms the commission terms in effect when the order settled
   * @param availableAt when the order's money becomes payable
   */
  public record OrderEntry(long lastSeqNr, String currency, long part, long commission,
      CommissionTerms terms, Instant availableAt) implements CborSerializable {}

  /** A vendor's balance in one currency at a moment: pending + available is what it is owed. */
  public record Balance(String currency, long pending, long available, long paidOut) {}

  public VendorState {
    terms = List.copyOf(terms);
    orders = Map.copyOf(orders);
    movements = List.copyOf(movements);
    payouts = payouts == null ? PayoutBook.EMPTY : payouts;
  }

  public static VendorState empty(String vendorId) {
    return new VendorState(vendorId, null, PayoutSchedule.DEFAULT, List.of(), Map.of(), List.of(), PayoutBook.EMPTY, null);
  }

  public boolean isRegistered() {
    return profile != null;
  }

  /** The terms in effect at {@code at}: the latest that started by then, else none. */
  public CommissionTerms termsAt(Instant at) {
    CommissionTerms found = CommissionTerms.NONE;
    for (CommissionTerms t : terms) {
      if (!t.effectiveFrom().isAfter(at)) {
        found = t;
      }
    }
    return found;
  }

  /**
   * What a share update changes: the movement from what the vendor holds of the order to the
   * update's part, with the commission under the terms in effect when the order settled and the
   * payout date fixed then. Empty for a repeat or a stale update (an order sequence number not
   * above the last applied) and for one that changes nothing.
   */
  public Optional<OrderShareMoved> shareMoved(ShareUpdate u) {
    OrderEntry entry = orders.get(u.orderId());
    if (entry != null && u.orderSeqNr() <= entry.lastSeqNr()) {
      return Optional.empty();
    }
    CommissionTerms orderTerms = entry != null ? entry.terms() : termsAt(u.at());
    Instant availableAt = entry != null ? entry.availableAt() : schedule.availableAt(u.at());
    long commission = orderTerms.on(u.part(), u.vendorDue(), u.lineCount(), u.currency());
    long gross = u.part() - (entry == null ? 0 : entry.part());
    long commissionDelta = commission - (entry == null ? 0 : entry.commission());
    if (gross == 0 && commissionDelta == 0) {
      return Optional.empty();
    }
    Movement movement = new Movement(u.at(), u.kind(), u.orderId(), u.currency(), gross,
        commissionDelta, availableAt);
    return Optional.of(new OrderShareMoved(vendorId, u.orderSeqNr(), movement, u.part(), commission,
        u.vendorDue(), u.lineCount(), orderTerms));
  }

  /** The balance in each currency the vendor has money in, at {@code now}. */
  public List<Balance> balances(Instant now) {
    Map<String, long[]> sums = new TreeMap<>(); // pending, available, paid out
    for (Movement m : movements) {
      long[] s = sums.computeIfAbsent(m.currency(), c -> new long[3]);
      if (m.kind().isPayout()) {
        s[1] += m.net();
        s[2] -= m.net();
      } else if (m.availableAt().isAfter(now)) {
        s[0] += m.net();
      } else {
        s[1] += m.net();
      }
    }
    List<Balance> out = new ArrayList<>();
    sums.forEach((currency, s) -> out.add(new Balance(currency, s[0], s[1], s[2])));
    return out;
  }

  public VendorState apply(VendorEvent event) {
    if (event instanceof VendorRegistered e) {
      return new VendorState(vendorId, e.profile(), e.schedule(),
          e.terms() == null ? terms : append(terms, e.terms()), orders, movements, payouts, lastHash);
    }
    if (event instanceof CommissionTermsAdded e) {
      return new VendorState(vendorId, profile, schedule, append(terms, e.terms()), orders,
          movements, payouts, lastHash);
    }
    if (event instanceof VendorProfileChanged e) {
      return new VendorState(vendorId, e.profile(), schedule, terms, orders, movements, payouts, lastHash);
    }
    if (event instanceof PayoutScheduleChanged e) {
      return new VendorState(vendorId, profile, e.schedule(), terms, orders, movements, payouts, lastHash);
    }
    if (event instanceof OrderShareMoved e) {
      Map<String, OrderEntry> more = new HashMap<>(orders);
      Movement m = e.movement();
      more.put(m.orderId(), new OrderEntry(e.orderSeqNr(), m.currency(), e.part(), e.commission(),
          e.terms(), m.availableAt()));
      return new VendorState(vendorId, profile, schedule, terms, more, append(movements, m), payouts, lastHash);
    }
    if (event instanceof PayoutRecorded e) {
      return withMovement(new Movement(e.at(), Movement.Kind.PAYOUT, e.payoutId(), e.currency(),
          -e.amount(), 0, e.at()), payouts);
    }
    if (event instanceof PayoutEventRecorded e) {
      return payoutRecorded(e.payout());
    }
    if (event instanceof PayoutDiscrepancyFound e) {
      return withPayouts(payouts.add(e.discrepancy()));
    }
    if (event instanceof PayoutDiscrepancyWarned e) {
      return withPayouts(payouts.change(e.discrepancyId(), PayoutDiscrepancy::warn));
    }
    if (event instanceof PayoutDiscrepancyOverdue e) {
      return withPayouts(payouts.change(e.discrepancyId(),
          d -> d.escalate(e.escalation(), e.nextResolveBy())));
    }
    if (event instanceof PayoutNoticeDue e) {
      return withPayouts(payouts.noticeDue(e.discrepancy().id()));
    }
    if (event instanceof VendorNoticeRecorded e) {
      return withPayouts(payouts.notice(new PayoutBook.VendorNotice(e.notificationId(),
          e.discrepancyId(), e.channel(), e.delivered(), e.at())));
    }
    PayoutDiscrepancyResolved e = (PayoutDiscrepancyResolved) event;
    return withPayouts(payouts.change(e.discrepancyId(), d -> d.resolve(e.resolution())));
  }

  /**
   * A payout's first {@code PAID} takes its amount off; a {@code FAILED} of a paid payout gives that
   * amount back; other events of a known payout move no money.
   */
  private VendorState payoutRecorded(PayoutEvent p) {
    PayoutEvent known = payouts.payouts().get(p.payoutKey());
    PayoutBook book = payouts.record(p);
    if (known == null && p.status() == PayoutEvent.Status.PAID) {
      return withMovement(new Movement(p.occurredAt(), Movement.Kind.PAYOUT, p.payoutId(),
          p.currency(), -p.amount(), 0, p.occurredAt()), book);
    }
    if (known != null && known.status() == PayoutEvent.Status.PAID
        && p.status() == PayoutEvent.Status.FAILED) {
      return withMovement(new Movement(p.occurredAt(), Movement.Kind.PAYOUT_RETURNED, p.payoutId(),
          known.currency(), known.amount(), 0, p.occurredAt()), book);
    }
    return withPayouts(book);
  }

  private VendorState withMovement(Movement m, PayoutBook book) {
    return new VendorState(vendorId, profile, schedule, terms, orders, append(movements, m), book,
        lastHash);
  }

  private VendorState withPayouts(PayoutBook book) {
    return new VendorState(vendorId, profile, schedule, terms, orders, movements, book, lastHash);
  }

  @Override
  public VendorState withLastHash(String hash) {
    return new VendorState(vendorId, profile, schedule, terms, orders, movements, payouts, hash);
  }

  private static <T> List<T> append(List<T> list, T element) {
    List<T> more = new ArrayList<>(list);
    more.add(element);
    return more;
  }
}
