package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Statements with payouts, for any history of a vendor in one currency — sales, refunds, paid
 * payouts of any amount, failed payouts, redelivered payout events, wake-ups — through the ledger's
 * rules: every statement adds up ({@code closing = opening + Σ net}), consecutive periods chain,
 * the closing balance is what the balances say is owed, paid out is Σ paid − Σ returned, and a
 * redelivered payout event changes nothing.
 */
class PayoutPropertiesTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  /** One step of a history: kind 0 a sale or refund of {@code amount}, 1 a payout, 2 a failure of an earlier payout, 3 a repeat, 4 a wake-up. */
  record Step(int kind, long amount, int hours, int pick) {}

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 4),
        Arbitraries.longs().between(-5_000, 50_000), Arbitraries.integers().between(1, 72),
        Arbitraries.integers().between(0, 1_000)).as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 500)
  void statementsWithPayoutsAddUpAndChainAndRepeatsChangeNothing(@ForAll("histories") List<Step> history,
      @ForAll @IntRange(min = 1, max = 40) int cutDays) {
    PayoutSettings settings = PayoutSettings.DEFAULT;
    VendorState v = VendorState.empty("v").apply(new VendorEvent.VendorRegistered("v",
        new VendorProfile("V", null, List.of()),
        new PayoutSchedule(PayoutSchedule.Frequency.DAILY, 0, null),
        new CommissionTerms(T0, 1_000, 0, null), T0));
    Instant now = T0;
    int seq = 0;
    long paid = 0;
    long returned = 0;
    List<PayoutEvent> recorded = new java.util.ArrayList<>();
    for (Step s : history) {
      now = now.plus(Duration.ofHours(s.hours()));
      switch (s.kind()) {
        case 0 -> {
          seq++;
          long part = Math.abs(s.amount());
          ShareUpdate u = new ShareUpdate("v", "o" + seq, 1, s.amount() < 0 ? Movement.Kind.REFUND
              : Movement.Kind.SALE, "EUR", s.amount() < 0 ? -part : part, part, 1, now);
          VendorState before = v;
          v = v.shareMoved(u).map(before::apply).orElse(before);
        }
        case 1 -> {
          PayoutEvent p = new PayoutEvent("e" + recorded.size(), "stripe", "po" + recorded.size(),
              PayoutEvent.Status.PAID, "EUR", 1 + Math.abs(s.amount()), now);
          v = record(v, p, now, settings);
          recorded.add(p);
          paid += p.amount();
        }
        case 2 -> {
          if (!recorded.isEmpty()) {
            PayoutEvent target = recorded.get(s.pick() % recorded.size());
            PayoutEvent known = v.payouts().payouts().get(target.payoutKey());
            if (known.status() == PayoutEvent.Status.PAID) {
              returned += known.amount();
            }
            PayoutEvent failed = new PayoutEvent("f" + s.pick() + "-" + target.payoutId(), "stripe",
                target.payoutId(), PayoutEvent.Status.FAILED, "EUR", target.amount(), now);
            v = record(v, failed, now, settings);
          }
        }
        case 3 -> {
          if (!recorded.isEmpty()) {
            VendorState before = v;
            v = record(v, recorded.get(s.pick() % recorded.size()), now, settings);
            assertEquals(before, v, "a redelivered payout event changes nothing");
          }
        }
        default -> v = apply(v, PayoutMatching.wake(v, now, settings));
      }
    }
    Instant cut = T0.plus(Duration.ofDays(cutDays));
    Instant end = now.plusSeconds(1);
    Instant start = T0.minusSeconds(1);
    Statement first = Statement.of(v, "EUR", start, cut.isBefore(end) ? cut : end);
    Statement second = Statement.of(v, "EUR", first.to(), end.isAfter(first.to()) ? end : first.to().plusSeconds(1));
    for (Statement s : List.of(first, second)) {
      assertEquals(s.opening() + s.lines().stream().mapToLong(Statement.Line::net).sum(), s.closing());
    }
    assertEquals(first.closing(), second.opening(), "the closing of one period opens the next");
    long owed = 0;
    long paidOut = 0;
    for (VendorState.Balance b : v.balances(end)) {
      owed += b.pending() + b.available();
      paidOut += b.paidOut();
    }
    assertEquals(second.closing(), owed, "the statement closes at what is owed");
    assertEquals(paid - returned, paidOut, "paid out is every payout less every return");
  }

  private static VendorState record(VendorState v, PayoutEvent e, Instant now, PayoutSettings s) {
    return v.payouts().events().containsKey(e.key()) ? v : apply(v, PayoutMatching.record(v, e, now, s));
  }

  private static VendorState apply(VendorState v, List<VendorEvent> events) {
    for (VendorEvent e : events) {
      v = v.apply(e);
    }
    return v;
  }
}
