package payledger.vendor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.order.Reconciliation;

/**
 * Conservation over a {@link GeneratedMonth}, order by order and per currency: net paid = Σ vendor
 * shares + Σ commissions + the marketplace's own lines, read from the vendors' ledgers.
 */
final class MonthTotals {

  private final Map<String, long[]> totals = new TreeMap<>(); // net paid, vendor parts, commissions, own
  private long withOwnLines;

  /** Asserts the order's conservation (once settled) and adds it to its currency's totals. */
  void add(GeneratedMonth.Order order, Function<String, VendorState> ledgers) {
    OrderState state = OrderState.empty(order.orderId());
    for (OrderEvent e : order.journal()) {
      state = state.apply(e);
    }
    long netPaid = Reconciliation.totals(state.facts()).netPaid().value();
    long vendorParts = 0;
    long commissions = 0;
    long own = 0;
    boolean credited = false;
    List<VendorSplit.Attribution> parties = VendorSplit.attribute(order.invoice());
    long[] parts = VendorSplit.allocate(parties, netPaid);
    for (int i = 0; i < parties.size(); i++) {
      VendorSplit.Attribution a = parties.get(i);
      if (a.vendorId() == null) {
        own = parts[i];
        withOwnLines++;
        continue;
      }
      VendorState.OrderEntry entry = ledgers.apply(a.vendorId()).orders().get(order.orderId());
      if (entry != null) {
        credited = true;
        assertTrue(entry.commission() >= 0 && entry.commission() <= entry.part(), order.orderId());
        vendorParts += entry.part();
        commissions += entry.commission();
      }
    }
    boolean settled = credited || netPaid == 0;
    if (settled) {
      assertEquals(netPaid, vendorParts + own, "conservation for " + order.orderId());
    }
    long[] t = totals.computeIfAbsent(order.currency(), k -> new long[4]);
    t[0] += settled ? netPaid : 0;
    t[1] += vendorParts - commissions;
    t[2] += commissions;
    t[3] += settled ? own : 0;
  }

  long withOwnLines() {
    return withOwnLines;
  }

  /** One line per currency; asserts each is conserved. */
  String report() {
    StringBuilder out = new StringBuilder();
    totals.forEach((currency, t) -> {
      out.append(String.format("%s: net paid %,d = shares %,d + commissions %,d + own lines %,d (%s)%n",
          currency, t[0], t[1], t[2], t[3], t[0] == t[1] + t[2] + t[3] ? "conserved" : "NOT CONSERVED"));
      assertEquals(t[0], t[1] + t[2] + t[3], currency);
    });
    return out.toString();
  }
}
