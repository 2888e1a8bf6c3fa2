package payledger.readmodel;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pure: the daily summary of a partition of KPI facts, one {@link Tally} per payment method and
 * gateway. Recomputed from the whole partition each time, so it is the same however often the
 * facts were redelivered. The names it counts are the report's vocabulary.
 */
public final class KpiSummary {

  public static final String ORDERS = "orders";
  public static final String RECONCILED = "orders.reconciled";
  public static final String AUTO_RECONCILED = "orders.auto";
  public static final String RECEIPT = "receipt";
  public static final String PAYMENTS = "payments";
  public static final String DISCREPANCIES = "discrepancies";
  public static final String DISCREPANCY_TYPE = "discrepancies.";
  public static final String DISCREPANCY_RESOLVE = "discrepancy.resolve";
  public static final String DISCREPANCY_NOTIFY = "discrepancy.notify";
  public static final String CASES = "cases";
  public static final String CASE_KIND = "cases.";
  public static final String CASE_ACK = "case.ack";
  public static final String RESOLVE = ".resolve";
  public static final String ESCALATED = "cases.escalated";
  public static final String RESOLVED = "cases.resolved";
  public static final String FIRST_CONTACT = "cases.fcr";
  public static final String CSAT_SUM = "cases.csat.sum";
  public static final String CSAT_COUNT = "cases.csat.n";

  private KpiSummary() {}

  public static Map<ReadModelStore.Dims, Tally> of(Collection<KpiFact> facts) {
    Map<ReadModelStore.Dims, Tally> tallies = new LinkedHashMap<>();
    for (KpiFact f : facts) {
      Tally t = tallies.computeIfAbsent(new ReadModelStore.Dims(f.method(), f.gateway()), d -> new Tally());
      switch (f.kind()) {
        case ORDER -> {
          t.add(ORDERS);
          if (f.flags().contains(KpiFact.RECONCILED)) {
            t.add(RECONCILED);
          }
          if (f.flags().contains(KpiFact.AUTO_RECONCILED)) {
            t.add(AUTO_RECONCILED);
          }
          t.sla(RECEIPT, f.doneAt(), f.doneDue());
        }
        case PAYMENT -> t.add(PAYMENTS);
        case DISCREPANCY -> {
          t.add(DISCREPANCIES);
          t.add(DISCREPANCY_TYPE + f.category());
          t.sla(DISCREPANCY_RESOLVE, f.doneAt(), f.doneDue());
          t.sla(DISCREPANCY_NOTIFY, f.ackAt(), f.ackDue());
        }
        case CASE -> {
          t.add(CASES);
          t.add(CASE_KIND + f.category());
          t.sla(CASE_ACK, f.ackAt(), f.ackDue());
          t.sla(f.category() + RESOLVE, f.doneAt(), f.doneDue());
          if (f.flags().contains(KpiFact.ESCALATED)) {
            t.add(ESCALATED);
          }
          if (f.doneAt() != null) {
            t.add(RESOLVED);
            t.resolvedAfterMinutes((int) Duration.between(f.startedAt(), f.doneAt()).toMinutes());
          }
          if (f.flags().contains(KpiFact.FIRST_CONTACT)) {
            t.add(FIRST_CONTACT);
          }
          if (f.csat() != null) {
            t.add(CSAT_SUM, f.csat());
            t.add(CSAT_COUNT);
          }
        }
      }
    }
    return tallies;
  }
}
