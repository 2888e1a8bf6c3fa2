package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import payledger.vendor.PayoutDiscrepancy.Type;

/**
 * The payouts of a generated month through a {@link Ledger}: the ledger's rules
 * ({@link #PURE}: {@link PayoutMatching}, {@link VendorState#apply}, the entity's deduplication by
 * event key) for {@link VendorMonthRun}, the real entities for {@link VendorMonthEntitiesRun}:
 * every vendor is paid, on each of its payout days at 09:00, exactly what it is due, and woken at
 * each payout day plus the grace — except that one vendor in five gets one injected fault on one
 * payout day: a short payout, an excess one, none until past the grace (missing), a payout that
 * then fails, or a payout event delivered twice. A fault is found when the ledger raised that
 * discrepancy for that payout day (for a duplicated event: the repeat was recognized and changed
 * nothing); anything else raised is a false alarm. Precision and recall per fault.
 */
final class PayoutFaults {

  enum Fault {
    SHORT, EXCESS, MISSING, FAILED, DUPLICATE_EVENT
  }

  /** Where a vendor's payout commands go; each returns the vendor's state after the command. */
  interface Ledger {
    /** A gateway's payout event at {@code now} (the entity's {@code RecordPayout}). */
    VendorState record(VendorState v, PayoutEvent e, Instant now);

    /** A wake-up at {@code now} (the entity's {@code DeadlineReached}). */
    VendorState wake(VendorState v, Instant now);
  }

  static final PayoutSettings SETTINGS = PayoutSettings.DEFAULT;

  /** The rules alone, as the entity applies them: a recorded (gateway, event id) is a repeat without effect. */
  static final Ledger PURE = new Ledger() {
    @Override
    public VendorState record(VendorState v, PayoutEvent e, Instant now) {
      return v.payouts().events().containsKey(e.key()) ? v : apply(v, PayoutMatching.record(v, e, now, SETTINGS));
    }

    @Override
    public VendorState wake(VendorState v, Instant now) {
      return apply(v, PayoutMatching.wake(v, now, SETTINGS));
    }
  };

  private final Ledger ledger;

  private final Map<String, VendorState> vendors;
  private final SplittableRandom random;
  private final Map<Fault, int[]> tally = new EnumMap<>(Fault.class); // injected, found
  private long payouts;
  private long wakes;
  private long falseAlarms;
  private long cleanVendors;

  PayoutFaults(Map<String, VendorState> vendors, SplittableRandom random, Ledger ledger) {
    this.vendors = vendors;
    this.ledger = ledger;
    this.random = random;
    for (Fault f : Fault.values()) {
      tally.put(f, new int[2]);
    }
  }

  /** One vendor's faults: what was injected, on which payout day, and whether it was found. */
  private record Injected(Fault fault, String currency, Instant day) {}

  String run() {
    for (String id : new TreeSet<>(vendors.keySet())) {
      Fault fault = random.nextInt(5) == 0 ? Fault.values()[random.nextInt(Fault.values().length)] : null;
      List<Injected> injected = new ArrayList<>();
      boolean[] duplicateFound = {false};
      VendorState after = payOut(vendors.get(id), fault, injected, duplicateFound);
      vendors.put(id, after);
      judge(after, injected, duplicateFound[0]);
    }
    StringBuilder out = new StringBuilder(String.format(
        "payouts: %,d payout events and %,d wake-ups; %,d vendors without a fault, %,d false alarms%n",
        payouts, wakes, cleanVendors, falseAlarms));
    int injectedAll = 0;
    int foundAll = 0;
    for (Map.Entry<Fault, int[]> e : tally.entrySet()) {
      injectedAll += e.getValue()[0];
      foundAll += e.getValue()[1];
      out.append(String.format("  %-15s injected %,5d found %,5d recall %.4f%n", e.getKey(),
          e.getValue()[0], e.getValue()[1], e.getValue()[0] == 0 ? 1.0 : (double) e.getValue()[1] / e.getValue()[0]));
    }
    double precision = foundAll + falseAlarms == 0 ? 1.0 : (double) foundAll / (foundAll + falseAlarms);
    double recall = injectedAll == 0 ? 1.0 : (double) foundAll / injectedAll;
    out.append(String.format("  all faults: precision %.4f recall %.4f%n", precision, recall));
    assertEquals(0, falseAlarms, "nothing is raised on clean payouts");
    assertEquals(injectedAll, foundAll, "every injected fault is found");
    return out.toString();
  }

  /** One action of a vendor's timeline: a payout on a payout day (09:00), or a wake-up. */
  private record Step(Instant at, String currency, Instant day, boolean pay) {}

  private VendorState payOut(VendorState v, Fault fault, List<Injected> injected, boolean[] duplicateFound) {
    Map<String, TreeSet<Instant>> days = new TreeMap<>();
    for (Movement m : v.movements()) {
      days.computeIfAbsent(m.currency(), c -> new TreeSet<>()).add(m.availableAt());
    }
    List<Step> steps = new ArrayList<>();
    days.forEach((currency, set) -> set.forEach(day -> {
      steps.add(new Step(day.plus(Duration.ofHours(9)), currency, day, true));
      steps.add(new Step(day.plus(SETTINGS.grace()), currency, day, false));
    }));
    steps.sort((a, b) -> a.at().compareTo(b.at()));
    int faultAt = steps.isEmpty() ? 0 : random.nextInt(Math.max(1, steps.size() / 2));
    Map<String, Instant> suppressedUntil = new TreeMap<>();
    int n = 0;
    for (Step step : steps) {
      if (!step.pay()) {
        wakes++;
        v = ledger.wake(v, step.at());
        continue;
      }
      Instant until = suppressedUntil.get(step.currency());
      if (until != null && !step.day().isAfter(until)) {
        continue; // the missing payout: nothing until past the grace
      }
      long due = PayoutMatching.due(v, step.currency(), step.day());
      if (due <= 0) {
        continue;
      }
      String payoutId = v.vendorId() + "-" + step.currency() + "-" + n++;
      boolean inject = fault != null && injected.isEmpty() && n > faultAt && due > 1;
      long amount = due;
      if (inject) {
        injected.add(new Injected(fault, step.currency(), step.day()));
        switch (fault) {
          case SHORT -> amount = due - 1 - random.nextLong(due - 1);
          case EXCESS -> amount = due + 1 + random.nextLong(due);
          case MISSING -> {
            suppressedUntil.put(step.currency(), step.day().plus(SETTINGS.grace()));
            continue;
          }
          default -> { }
        }
      }
      PayoutEvent paid = new PayoutEvent("evt-" + payoutId, "stripe", payoutId, PayoutEvent.Status.PAID,
          step.currency(), amount, step.at());
      v = record(v, paid, step.at());
      if (inject && fault == Fault.FAILED) {
        v = record(v, new PayoutEvent("evt-fail-" + payoutId, "stripe", payoutId, PayoutEvent.Status.FAILED,
            step.currency(), amount, step.at().plus(Duration.ofHours(3))), step.at().plus(Duration.ofHours(3)));
      }
      if (inject && fault == Fault.DUPLICATE_EVENT) {
        VendorState before = v;
        v = record(v, paid, step.at().plus(Duration.ofHours(1)));
        duplicateFound[0] = before.equals(v);
      }
    }
    return v;
  }

  private VendorState record(VendorState v, PayoutEvent e, Instant now) {
    payouts++;
    return ledger.record(v, e, now);
  }

  private static VendorState apply(VendorState v, List<VendorEvent> events) {
    for (VendorEvent e : events) {
      v = v.apply(e);
    }
    return v;
  }

  private void judge(VendorState v, List<Injected> injected, boolean duplicateFound) {
    if (injected.isEmpty()) {
      cleanVendors++;
    }
    List<PayoutDiscrepancy> raised = new ArrayList<>(v.payouts().discrepancies());
    for (Injected i : injected) {
      int[] t = tally.get(i.fault());
      t[0]++;
      if (i.fault() == Fault.DUPLICATE_EVENT) {
        t[1] += duplicateFound ? 1 : 0;
        continue;
      }
      Type expected = Type.valueOf("PAYOUT_" + i.fault().name());
      PayoutDiscrepancy hit = raised.stream().filter(d -> d.type() == expected
          && d.currency().equals(i.currency()) && d.periodDay().equals(i.day())).findFirst().orElse(null);
      if (hit != null) {
        t[1]++;
        raised.remove(hit);
      }
    }
    falseAlarms += raised.size();
  }
}
