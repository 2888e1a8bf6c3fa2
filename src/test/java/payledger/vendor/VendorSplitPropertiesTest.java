package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import payledger.order.Invoice;

/**
 * The split conserves money for any order: any number of vendors and lines (and the marketplace's
 * own lines), shipping, taxes, discounts, commissions, and any history of payments, partial
 * refunds, chargebacks and reversals, in currencies of 0, 2 and 3 decimals. Conservation is
 * checked both for the split of every net paid and for what the vendor ledgers accumulate from the
 * cumulative updates ({@link CommissionTerms#on} deltas).
 */
class VendorSplitPropertiesTest {

  /** A currency and its minor units per major unit. */
  record Currency(String code, long unit) {}

  record Order(Invoice invoice, Map<String, CommissionTerms> terms) {}

  @Provide
  Arbitrary<Currency> currencies() {
    return Arbitraries.of(new Currency("JPY", 1), new Currency("EUR", 100), new Currency("KWD", 1000));
  }

  @Provide
  Arbitrary<Order> orders() {
    return currencies().flatMap(c -> {
      Arbitrary<Invoice.LineItem> line = Combinators.combine(
              Arbitraries.integers().between(0, 6), // 0: the marketplace's own line
              Arbitraries.longs().between(1, 5),
              Arbitraries.longs().between(0, 2_000).map(p -> p * c.unit() + p % 7))
          .as((v, qty, price) -> new Invoice.LineItem("SKU", null, qty, price,
              v == 0 ? null : "v" + v));
      Arbitrary<CommissionTerms> terms = Combinators.combine(
              Arbitraries.integers().between(0, 10_000), Arbitraries.longs().between(0, 3 * c.unit()))
          .as((bps, fixed) -> new CommissionTerms(java.time.Instant.EPOCH, bps, fixed,
              fixed == 0 ? null : c.code()));
      return Combinators.combine(line.list().ofMinSize(1).ofMaxSize(12),
              Arbitraries.longs().between(0, 50 * c.unit()),
              Arbitraries.longs().between(0, 300 * c.unit()),
              Arbitraries.doubles().between(0, 1.2),
              terms.list().ofSize(6))
          .as((lines, shipping, tax, discountShare, termList) -> {
            long gross = lines.stream().mapToLong(Invoice.LineItem::total).sum() + shipping + tax;
            long discount = Math.min(gross, (long) (gross * discountShare / 2));
            Invoice invoice = new Invoice("c", null, c.code(), lines, shipping,
                List.of(new Invoice.Charge("VAT", tax)), List.of(new Invoice.Charge("PROMO", discount)), null);
            Map<String, CommissionTerms> byVendor = new HashMap<>();
            for (int v = 1; v <= 6; v++) {
              byVendor.put("v" + v, termList.get(v - 1));
            }
            return new Order(invoice, byVendor);
          });
    });
  }

  /** A history of net paid after each money event: paid in full, then refunds, chargebacks, reversals. */
  @Provide
  Arbitrary<List<Double>> histories() {
    return Arbitraries.doubles().between(-1, 1).list().ofMaxSize(8);
  }

  @Property(tries = 500)
  void attributionSumsToTheInvoiceTotalAndAFullPaymentGivesEachPartyItsDue(@ForAll("orders") Order order) {
    List<VendorSplit.Attribution> parties = VendorSplit.attribute(order.invoice());
    assertEquals(order.invoice().total().value(),
        parties.stream().mapToLong(VendorSplit.Attribution::due).sum());
    assertEquals(order.invoice().shipping(), parties.stream().mapToLong(VendorSplit.Attribution::shipping).sum());
    for (VendorSplit.Attribution a : parties) {
      assertTrue(a.shipping() >= 0 && a.taxes() >= 0 && a.discounts() >= 0);
    }
    if (parties.stream().allMatch(a -> a.due() >= 0)) {
      long[] parts = VendorSplit.allocate(parties, order.invoice().total().value());
      for (int i = 0; i < parts.length; i++) {
        assertEquals(parties.get(i).due(), parts[i], "a fully paid order gives each party its due");
      }
    }
  }

  @Property(tries = 1000)
  void everyNetPaidIsConservedAndNoPartIsNegative(@ForAll("orders") Order order,
      @ForAll @IntRange(min = 0, max = 3) int overpaidTimes, @ForAll("histories") List<Double> history) {
    long due = order.invoice().total().value();
    List<Long> netPaids = new ArrayList<>(List.of(due, due * overpaidTimes));
    for (double d : history) {
      netPaids.add(Math.round(due * d));
    }
    for (long netPaid : netPaids) {
      List<VendorSplit.Part> parts = VendorSplit.split(order.invoice(), netPaid, order.terms()::get);
      assertEquals(netPaid, parts.stream().mapToLong(p -> p.share() + p.commission()).sum(),
          "Σ shares + Σ commissions (+ the marketplace's own lines) = net paid");
      for (VendorSplit.Part p : parts) {
        if (netPaid >= 0) {
          assertTrue(p.gross() >= 0 && p.commission() >= 0 && p.share() >= 0, p.toString());
        } else {
          assertTrue(p.gross() <= 0 && p.commission() <= 0 && p.share() <= 0, p.toString());
        }
      }
    }
  }

  /**
   * The ledgers see cumulative updates; what they accumulate (the deltas, as {@link VendorLedger}
   * computes them) always equals the split of the latest net paid, so conservation holds after
   * every event of the history, and the commission never exceeds the part.
   */
  @Property(tries = 1000)
  void theDeltasTheLedgersAccumulateConserveMoneyAfterEveryEvent(@ForAll("orders") Order order,
      @ForAll("histories") List<Double> history) {
    Invoice invoice = order.invoice();
    List<VendorSplit.Attribution> parties = VendorSplit.attribute(invoice);
    Map<String, long[]> ledger = new HashMap<>(); // vendor → {gross, commission}
    long due = invoice.total().value();
    List<Long> netPaids = new ArrayList<>(List.of(due));
    long paid = due;
    for (double d : history) {
      paid = Math.max(0, paid + Math.round(due * d / 2)); // refunds (< 0), reversals or payments (> 0)
      netPaids.add(paid);
    }
    for (long netPaid : netPaids) {
      long[] gross = VendorSplit.allocate(parties, netPaid);
      long ownLines = 0;
      for (int i = 0; i < parties.size(); i++) {
        VendorSplit.Attribution a = parties.get(i);
        if (a.vendorId() == null) {
          ownLines += gross[i];
          continue;
        }
        long[] held = ledger.computeIfAbsent(a.vendorId(), v -> new long[2]);
        long commission = order.terms().get(a.vendorId()).on(gross[i], a.due(), a.lineCount(),
            invoice.currency());
        held[0] += gross[i] - held[0];
        held[1] += commission - held[1];
        assertTrue(held[1] >= 0 && held[1] <= held[0], "commission within the part");
      }
      long shares = ledger.values().stream().mapToLong(h -> h[0] - h[1]).sum();
      long commissions = ledger.values().stream().mapToLong(h -> h[1]).sum();
      assertEquals(netPaid, shares + commissions + ownLines);
    }
  }

  @Property(tries = 300)
  void allocationIsExactForExtremeAmounts(@ForAll("weights") long[] weights,
      @ForAll("amounts") long amount) {
    long[] parts = Allocation.of(amount, weights);
    assertEquals(amount, java.util.Arrays.stream(parts).sum());
    for (long p : parts) {
      assertTrue(amount >= 0 ? p >= 0 : p <= 0);
    }
  }

  @Provide
  Arbitrary<long[]> weights() {
    return Arbitraries.longs().between(0, Long.MAX_VALUE / 64).array(long[].class).ofMinSize(1).ofMaxSize(40);
  }

  @Provide
  Arbitrary<Long> amounts() {
    return Arbitraries.longs().between(-Long.MAX_VALUE / 2, Long.MAX_VALUE / 2);
  }
}
