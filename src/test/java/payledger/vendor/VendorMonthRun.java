package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import payledger.money.Money;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.order.Reconciliation;

/**
 * A generated month of a marketplace through the pure rules, not the entities (run it with
 * {@code mvn -o test -Dtest=VendorMonthRun -Dpayledger.bench=true}): 1,000 vendors with their own
 * terms and schedules, 100,000 orders in JPY, EUR and KWD with one to four vendors (and sometimes
 * a line of the marketplace's own), shipping, taxes and discounts, paid in one or two captures or
 * overpaid, some partly or fully refunded, charged back and reversed. Every order event goes
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
  static final Instant MONTH = Instant.parse("2026-12-01T00:00:00Z");
  static final String[] CURRENCIES = {"JPY", "EUR", "KWD"};
  static final long[] UNIT = {1, 100, 1000};

  private final SplittableRandom random = new SplittableRandom(22);
  private final Map<String, VendorState> vendors = new HashMap<>();

  @Test
  void aMonthConservesEveryOrdersMoney() throws Exception {
    long started = System.nanoTime();
    for (int v = 0; v < VENDORS; v++) {
      String id = "v" + v;
      VendorState s = VendorState.empty(id).apply(new VendorEvent.VendorRegistered(id,
          new VendorProfile(id, null, List.of()),
          new PayoutSchedule(random.nextBoolean() ? PayoutSchedule.Frequency.DAILY
              : PayoutSchedule.Frequency.WEEKLY, random.nextInt(15), null),
          new CommissionTerms(MONTH, random.nextInt(3_001), random.nextInt(4) == 0 ? random.nextInt(101) : 0,
              "EUR"), MONTH));
      if (random.nextInt(10) == 0) { // new terms from mid-month for one vendor in ten
        s = s.apply(new VendorEvent.CommissionTermsAdded(id, new CommissionTerms(
            MONTH.plus(Duration.ofDays(15)), random.nextInt(3_001), 0, null), MONTH));
      }
      vendors.put(id, s);
    }
    long events = 0;
    long updates = 0;
    long ignoredDuplicates = 0;
    long withOwnLines = 0;
    Map<String, long[]> totals = new TreeMap<>(); // currency → net paid, vendor parts, commissions, own
    for (int o = 0; o < ORDERS; o++) {
      String orderId = "o" + o;
      int c = random.nextInt(3);
      Instant at = MONTH.plusSeconds(random.nextLong(31L * 24 * 3600));
      Invoice invoice = invoice(c);
      List<OrderEvent> journal = history(orderId, invoice, c, at);
      for (int seq = 1; seq <= journal.size(); seq++) {
        events++;
        Instant when = at.plusSeconds(seq * 600L);
        for (ShareUpdate u : OrderShares.updates(orderId, journal.subList(0, seq), seq, when)) {
          updates++;
          VendorState before = vendors.get(u.vendorId());
          VendorState after = before.shareMoved(u).map(before::apply).orElse(before);
          assertTrue(after.shareMoved(u).isEmpty(), "a duplicate has no effect");
          ignoredDuplicates++;
          vendors.put(u.vendorId(), after);
        }
      }
      OrderState order = OrderState.empty(orderId);
      for (OrderEvent e : journal) {
        order = order.apply(e);
      }
      long netPaid = Reconciliation.totals(order.facts()).netPaid().value();
      long vendorParts = 0;
      long commissions = 0;
      List<VendorSplit.Attribution> parties = VendorSplit.attribute(invoice);
      long[] parts = VendorSplit.allocate(parties, netPaid);
      long own = 0;
      for (int i = 0; i < parties.size(); i++) {
        VendorSplit.Attribution a = parties.get(i);
        if (a.vendorId() == null) {
          own = parts[i];
          withOwnLines++;
          continue;
        }
        VendorState.OrderEntry entry = vendors.get(a.vendorId()).orders().get(orderId);
        long part = entry == null ? 0 : entry.part();
        long commission = entry == null ? 0 : entry.commission();
        assertTrue(commission >= 0 && commission <= part, orderId);
        vendorParts += part;
        commissions += commission;
      }
      boolean settled = !vendorsOf(invoice).stream().allMatch(v -> vendors.get(v).orders().get(orderId) == null)
          || netPaid == 0;
      if (settled) {
        assertEquals(netPaid, vendorParts + own, "conservation for " + orderId);
      }
      long[] t = totals.computeIfAbsent(CURRENCIES[c], k -> new long[4]);
      t[0] += settled ? netPaid : 0;
      t[1] += vendorParts - commissions;
      t[2] += commissions;
      t[3] += settled ? own : 0;
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
        VENDORS, ORDERS, withOwnLines, events, updates, ignoredDuplicates, seconds));
    totals.forEach((currency, t) -> {
      report.append(String.format("%s: net paid %,d = shares %,d + commissions %,d + own lines %,d (%s)%n",
          currency, t[0], t[1], t[2], t[3], t[0] == t[1] + t[2] + t[3] ? "conserved" : "NOT CONSERVED"));
      assertEquals(t[0], t[1] + t[2] + t[3]);
    });
    report.append(String.format("Σ vendor balances (all currencies, minor units) %,d%n", balances));
    report.append(new PayoutFaults(vendors, new SplittableRandom(7)).run());
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/vendors.txt"), report);
    System.out.print(report);
  }

  private static List<String> vendorsOf(Invoice invoice) {
    return invoice.items().stream().map(Invoice.LineItem::vendorId)
        .filter(java.util.Objects::nonNull).distinct().toList();
  }

  private Invoice invoice(int c) {
    long unit = UNIT[c];
    int vendorCount = 1 + random.nextInt(4);
    List<String> chosen = new ArrayList<>();
    while (chosen.size() < vendorCount) {
      String v = "v" + random.nextInt(VENDORS);
      if (!chosen.contains(v)) {
        chosen.add(v);
      }
    }
    List<Invoice.LineItem> lines = new ArrayList<>();
    int count = vendorCount + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      String vendor = i < vendorCount ? chosen.get(i) : chosen.get(random.nextInt(vendorCount));
      lines.add(new Invoice.LineItem("SKU-" + i, null, 1 + random.nextInt(3),
          unit * (1 + random.nextInt(200)) + random.nextInt((int) Math.min(unit, 1000)), vendor));
    }
    if (random.nextInt(10) == 0) {
      lines.add(new Invoice.LineItem("OWN", null, 1, unit * (1 + random.nextInt(50))));
    }
    long goods = lines.stream().mapToLong(Invoice.LineItem::total).sum();
    long shipping = random.nextInt(3) == 0 ? 0 : unit * random.nextInt(10) + random.nextInt(7);
    long tax = goods * random.nextInt(25) / 100;
    long discount = random.nextInt(4) == 0 ? (goods + shipping) * random.nextInt(40) / 100 : 0;
    return new Invoice("c", null, CURRENCIES[c], lines, shipping,
        List.of(new Invoice.Charge("VAT", tax)), List.of(new Invoice.Charge("PROMO", discount)), null);
  }

  /** Registration and payments: most paid in one capture, some in two or overpaid, then refunds and chargebacks. */
  private List<OrderEvent> history(String orderId, Invoice invoice, int c, Instant at) {
    String currency = CURRENCIES[c];
    long due = invoice.total().value();
    List<OrderEvent> journal = new ArrayList<>();
    journal.add(new OrderEvent.OrderRegistered(orderId, invoice, at));
    int shape = random.nextInt(100);
    if (shape < 5 && due > 1) {
      long first = due / 3;
      journal.add(pay(orderId, "a", PaymentEventType.SUCCEEDED, first, currency, at));
      journal.add(pay(orderId, "b", PaymentEventType.SUCCEEDED, due - first, currency, at));
    } else if (shape < 8) {
      journal.add(pay(orderId, "a", PaymentEventType.SUCCEEDED, due + 1 + random.nextInt(500), currency, at));
    } else if (shape < 10) {
      journal.add(pay(orderId, "a", PaymentEventType.SUCCEEDED, due / 2, currency, at)); // never settles
      return journal;
    } else {
      journal.add(pay(orderId, "a", PaymentEventType.SUCCEEDED, due, currency, at));
    }
    int after = random.nextInt(100);
    if (after < 15 && due > 0) {
      journal.add(pay(orderId, "r1", PaymentEventType.REFUNDED, 1 + random.nextLong(due), currency, at));
    } else if (after < 16) {
      journal.add(pay(orderId, "r1", PaymentEventType.REFUNDED, due, currency, at));
    } else if (after < 18 && due > 0) {
      long disputed = 1 + random.nextLong(due);
      journal.add(pay(orderId, "cb", PaymentEventType.CHARGEBACK, disputed, currency, at));
      if (random.nextBoolean()) {
        journal.add(pay(orderId, "cbr", PaymentEventType.CHARGEBACK_REVERSED, disputed, currency, at));
      }
    }
    return journal;
  }

  private static OrderEvent pay(String orderId, String id, PaymentEventType type, long amount,
      String currency, Instant at) {
    return new OrderEvent.PaymentRecorded(orderId, new PaymentEvent(orderId + id, "stripe", type,
        orderId, "pi_" + orderId + id, new Money(amount, currency), "card", at, "c", null), at);
  }
}
