package payledger.report;

import static payledger.readmodel.KpiSummary.*;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import payledger.readmodel.Tally;

/**
 * The KPIs of one period and one slice (all, one payment method, one gateway), from its tally, as
 * of a moment (an open item whose deadline passed by then counts as missed; one whose deadline has
 * not come is pending and counts neither way).
 */
public record Kpis(
    long ordersRegistered,
    long paymentsReceived,
    long discrepancies,
    Map<String, Long> discrepanciesByType,
    long casesOpened,
    long disputesOpened,
    long paymentIssuesOpened,
    Map<String, Measure> measures) {

  static final String DISPUTE = "DISPUTE";
  static final String PAYMENT_ISSUE = "PAYMENT_ISSUE";

  public static Kpis of(Tally t, Instant asOf) {
    Map<String, Measure> m = new LinkedHashMap<>();
    long orders = t.count(ORDERS);
    long cases = t.count(CASES);
    long disputes = t.count(CASE_KIND + DISPUTE);
    m.put("reconciled", Measure.ratio(t.count(RECONCILED), orders, 98.0, ">="));
    m.put("autoReconciled", Measure.ratio(t.count(AUTO_RECONCILED), orders, null, ">="));
    m.put("discrepanciesResolvedWithin48h", sla(t, DISCREPANCY_RESOLVE, asOf, 100.0));
    m.put("customersNotifiedWithin24h", sla(t, DISCREPANCY_NOTIFY, asOf, 100.0));
    m.put("acknowledgedWithin1h", sla(t, CASE_ACK, asOf, 100.0));
    m.put("disputesResolvedWithin48h", sla(t, DISPUTE + RESOLVE, asOf, 95.0));
    m.put("paymentIssuesResolvedWithin48h", sla(t, PAYMENT_ISSUE + RESOLVE, asOf, 99.0));
    m.put("receiptsSentWithin24h", sla(t, RECEIPT, asOf, 100.0));
    m.put("disputeRate", Measure.ratio(disputes, orders, 2.0, "<"));
    m.put("escalationRate", Measure.ratio(t.count(ESCALATED), cases, null, "<"));
    m.put("firstContactResolution", Measure.ratio(t.count(FIRST_CONTACT), t.count(RESOLVED), null, ">="));
    long rated = t.count(CSAT_COUNT);
    m.put("averageCsat", Measure.plain(rated == 0 ? null : (double) t.count(CSAT_SUM) / rated, "score", null, ">="));
    m.put("medianTimeToResolve", Measure.plain(hours(t.resolveMinutes(), 0.5), "h", 48.0, "<="));
    m.put("p95TimeToResolve", Measure.plain(hours(t.resolveMinutes(), 0.95), "h", 48.0, "<="));
    return new Kpis(orders, t.count(PAYMENTS), t.count(DISCREPANCIES),
        new TreeMap<>(t.countsUnder(DISCREPANCY_TYPE)), cases, disputes,
        t.count(CASE_KIND + PAYMENT_ISSUE), m);
  }

  private static Measure sla(Tally t, String name, Instant asOf, double target) {
    long met = t.count(name + ".met");
    long decided = met + t.count(name + ".late") + t.openOverdue(name, asOf);
    return Measure.sla(met, decided, t.openPending(name, asOf), target);
  }

  /** The nearest-rank quantile of resolution times, in hours; null with no resolved case. */
  static Double hours(Map<Integer, Integer> minutes, double q) {
    long n = minutes.values().stream().mapToLong(Integer::longValue).sum();
    if (n == 0) {
      return null;
    }
    long rank = Math.max(1, (long) Math.ceil(q * n));
    long seen = 0;
    for (Map.Entry<Integer, Integer> e : new TreeMap<>(minutes).entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return e.getKey() / 60.0;
      }
    }
    throw new IllegalStateException("unreachable");
  }
}
