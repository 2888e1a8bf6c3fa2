package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import payledger.order.OrderEvent;

/**
 * A generated month of a marketplace through the pure rules, not the entities (run it with
 * {@code mvn -o test -Dtest=VendorMonthRun -Dpayledger.bench=true}): the {@link GeneratedMonth} of
 * 1,000 vendors and 100,000 orders ({@link VendorMonthEntitiesRun} runs the same month through
 * the real {@link VendorLedger} entities). Every order event goes
 * through {@link OrderShares} (the projection's rule), every update twice into the vendor's
 * {@link VendorState} (the entity's rule): for every order, Σ shares + Σ commissions (+ the
 * marketplace's own part) = net paid, and the duplicates change nothing. Then every vendor is paid
 * out over the following weeks with injected payout faults ({@link PayoutFaults}): every fault is
 * found and nothing is raised on clean vendors. Figures go to {@code target/bench/vendors.txt}.
 */
@EnabledIfSystemProperty(named = "payledger.bench", matches = "true")
class VendorMonthRun {

  static final int VENDORS = 1_000;
  static final int ORDERS = 100_000;
  static final Instant MONTH = GeneratedMonth.MONTH;

  private final Map<String, VendorState> vendors = new HashMap<>();

  /** A vendor registered as its entity registers it, with the clock at {@link #MONTH}. */
  static VendorState registered(GeneratedMonth.Vendor v) {
    VendorState s = VendorState.empty(v.id()).apply(
        new VendorEvent.VendorRegistered(v.id(), v.profile(), v.schedule(), v.terms(), MONTH));
    return v.laterTerms() == null ? s
        : s.apply(new VendorEvent.CommissionTermsAdded(v.id(), v.laterTerms(), MONTH));
  }

  @Test
  void aMonthConservesEveryOrdersMoney() throws Exception {
    long started = System.nanoTime();
    GeneratedMonth month = new GeneratedMonth(22, VENDORS);
    for (GeneratedMonth.Vendor v : month.vendors()) {
      vendors.put(v.id(), registered(v));
    }
    long events = 0;
    long updates = 0;
    long ignoredDuplicates = 0;
    MonthTotals totals = new MonthTotals();
    for (int o = 0; o < ORDERS; o++) {
      GeneratedMonth.Order order = month.order(o);
      List<OrderEvent> journal = order.journal();
      for (int seq = 1; seq <= journal.size(); seq++) {
        events++;
        for (ShareUpdate u : OrderShares.updates(order.orderId(), journal.subList(0, seq), seq, order.when(seq))) {
          updates++;
          VendorState before = vendors.get(u.vendorId());
          VendorState after = before.shareMoved(u).map(before::apply).orElse(before);
          assertTrue(after.shareMoved(u).isEmpty(), "a duplicate has no effect");
          ignoredDuplicates++;
          vendors.put(u.vendorId(), after);
        }
      }
      totals.add(order, vendors::get);
    }
    long balances = 0;
    for (VendorState s : vendors.values()) {
      for (VendorState.Balance b : s.balances(MONTH.plus(Duration.ofDays(60)))) {
        balances += b.available() + b.pending();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    StringBuilder report = new StringBuilder(String.format(
        "vendor month run: %,d vendors, %,d orders (%,d with a marketplace line), %,d order events, "
            + "%,d share updates (each delivered twice: %,d duplicates without effect), %.1f s%n",
        VENDORS, ORDERS, totals.withOwnLines(), events, updates, ignoredDuplicates, seconds));
    report.append(totals.report());
    report.append(String.format("Σ vendor balances (all currencies, minor units) %,d%n", balances));
    report.append(new PayoutFaults(vendors, new SplittableRandom(7), PayoutFaults.PURE).run());
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/vendors.txt"), report);
    System.out.print(report);
  }
}
