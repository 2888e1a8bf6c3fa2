package payledger.readmodel;

import static payledger.readmodel.KpiDefinition.Comparison.*;
import static payledger.readmodel.KpiDefinition.Unit.*;
import static payledger.readmodel.KpiFact.Kind.*;

import java.util.List;
import payledger.readmodel.KpiFormula.Average;
import payledger.readmodel.KpiFormula.Deadline;
import payledger.readmodel.KpiFormula.Ratio;
import payledger.readmodel.KpiFormula.TimeQuantile;

/**
 * Every KPI of the reconciliation report, in one place: the counters the daily summary keeps
 * (what each fact adds), the volumes, and each KPI's definition (formula over the counters, unit,
 * default target, and what it means in words). The report's JSON and CSV, and the KPI gauges on
 * {@code /metrics}, are generated from these lists. To add a KPI: a definition here (and a counter
 * if the figures are not counted yet; a fact in {@link KpiFacts} if the ledger's state is not
 * read yet); its target may be set in {@code kpis.conf}.
 */
public final class KpiCatalog {

  private KpiCatalog() {}

  // ---- counters: stored names, never renamed (summary rows written before must keep counting)

  static final KpiCounter ORDERS = KpiCounter.count("orders", ORDER, f -> true);
  static final KpiCounter ORDERS_RECONCILED = KpiCounter.flagged("orders.reconciled", ORDER, KpiFact.Flag.RECONCILED);
  static final KpiCounter ORDERS_AUTO_RECONCILED = KpiCounter.flagged("orders.auto", ORDER, KpiFact.Flag.AUTO_RECONCILED);
  static final KpiCounter ORDERS_AWAITING_PAYMENT = KpiCounter.flagged("orders.awaiting", ORDER, KpiFact.Flag.AWAITING_PAYMENT);
  static final KpiCounter RECEIPTS = KpiCounter.sla("receipt", ORDER, f -> true, KpiFact::doneAt, KpiFact::doneDue);
  static final KpiCounter PAYMENTS = KpiCounter.count("payments", PAYMENT, f -> true);
  static final KpiCounter DISCREPANCIES = KpiCounter.count("discrepancies", DISCREPANCY, f -> true);
  public static final KpiCounter DISCREPANCIES_BY_TYPE = KpiCounter.perCategory("discrepancies.", DISCREPANCY);
  static final KpiCounter DISCREPANCIES_RESOLVED =
      KpiCounter.sla("discrepancy.resolve", DISCREPANCY, f -> true, KpiFact::doneAt, KpiFact::doneDue);
  static final KpiCounter CUSTOMERS_NOTIFIED =
      KpiCounter.sla("discrepancy.notify", DISCREPANCY, f -> true, KpiFact::ackAt, KpiFact::ackDue);
  static final KpiCounter CASES = KpiCounter.count("cases", CASE, f -> true);
  static final KpiCounter CASES_BY_KIND = KpiCounter.perCategory("cases.", CASE);
  static final KpiCounter CASES_ACKNOWLEDGED = KpiCounter.sla("case.ack", CASE, f -> true, KpiFact::ackAt, KpiFact::ackDue);
  static final KpiCounter DISPUTES_RESOLVED = KpiCounter.sla("DISPUTE.resolve", CASE,
      f -> "DISPUTE".equals(f.category()), KpiFact::doneAt, KpiFact::doneDue);
  static final KpiCounter PAYMENT_ISSUES_RESOLVED = KpiCounter.sla("PAYMENT_ISSUE.resolve", CASE,
      f -> "PAYMENT_ISSUE".equals(f.category()), KpiFact::doneAt, KpiFact::doneDue);
  static final KpiCounter CASES_ESCALATED = KpiCounter.flagged("cases.escalated", CASE, KpiFact.Flag.ESCALATED);
  static final KpiCounter CASES_RESOLVED = KpiCounter.done("cases.resolved", CASE);
  static final KpiCounter CASES_FIRST_CONTACT = KpiCounter.flagged("cases.fcr", CASE, KpiFact.Flag.FIRST_CONTACT);
  static final KpiCounter CSAT_SUM = KpiCounter.sum("cases.csat.sum", CASE, KpiFact::csat);
  static final KpiCounter CSAT_RATED = KpiCounter.count("cases.csat.n", CASE, f -> f.csat() != null);

  /** Every counter, in the order the summary applies them. */
  public static final List<KpiCounter> COUNTERS = List.of(ORDERS, ORDERS_RECONCILED, ORDERS_AUTO_RECONCILED,
      ORDERS_AWAITING_PAYMENT, RECEIPTS, PAYMENTS, DISCREPANCIES, DISCREPANCIES_BY_TYPE,
      DISCREPANCIES_RESOLVED, CUSTOMERS_NOTIFIED, CASES, CASES_BY_KIND, CASES_ACKNOWLEDGED,
      DISPUTES_RESOLVED, PAYMENT_ISSUES_RESOLVED, CASES_ESCALATED, CASES_RESOLVED, CASES_FIRST_CONTACT,
      CSAT_SUM, CSAT_RATED);

  // ---- volumes: how many items started in a period

  /** A plain count of items in the report, with what it counts in words. */
  public record Volume(String name, String counter, String definition) {}

  public static final List<Volume> VOLUMES = List.of(
      new Volume("ordersRegistered", ORDERS.name(), "Orders registered by the order management system."),
      new Volume("paymentsReceived", PAYMENTS.name(), "Successful payments recorded on registered orders."),
      new Volume("discrepancies", DISCREPANCIES.name(), "Discrepancies detected (any type)."),
      new Volume("casesOpened", CASES.name(), "Cases opened: disputes and customer payment issues."),
      new Volume("disputesOpened", CASES_BY_KIND.of("DISPUTE"),
          "Disputes opened (chargebacks and fraud claims: cases of kind DISPUTE)."),
      new Volume("paymentIssuesOpened", CASES_BY_KIND.of("PAYMENT_ISSUE"),
          "Customer payment issues opened (cases of kind PAYMENT_ISSUE)."));

  // ---- the KPIs, with their default targets (today's business targets)

  public static final List<KpiDefinition> KPIS = List.of(
      new KpiDefinition("reconciled",
          "Orders whose net payments equal the amount due (same currency, expected method), of the orders"
              + " that can be judged. An order with nothing paid and no discrepancy yet (still within its"
              + " payment grace) is pending, not failed.",
          PERCENT, new Ratio(ORDERS_RECONCILED.name(), ORDERS.name(), ORDERS_AWAITING_PAYMENT.name()),
          98.0, AT_LEAST),
      new KpiDefinition("autoReconciled",
          "Orders reconciled with no manual step (no invoice adjustment, no discrepancy resolved by hand),"
              + " of the orders that can be judged; orders awaiting their first payment are pending.",
          PERCENT, new Ratio(ORDERS_AUTO_RECONCILED.name(), ORDERS.name(), ORDERS_AWAITING_PAYMENT.name()),
          null, AT_LEAST),
      new KpiDefinition("discrepanciesResolvedWithin48h",
          "Discrepancies resolved by their resolve-by deadline (detection + 48 h), of those resolved or"
              + " past that deadline; open ones before it are pending.",
          PERCENT, new Deadline(DISCREPANCIES_RESOLVED.name()), 100.0, AT_LEAST),
      new KpiDefinition("customersNotifiedWithin24h",
          "Discrepancies whose customer notice was delivered by its notify-by deadline (detection + 24 h),"
              + " of those delivered or past that deadline; the others are pending.",
          PERCENT, new Deadline(CUSTOMERS_NOTIFIED.name()), 100.0, AT_LEAST),
      new KpiDefinition("acknowledgedWithin1h",
          "Cases (disputes and payment issues) acknowledged by their acknowledge-by deadline (opening + 1 h),"
              + " of those acknowledged or past that deadline; the others are pending.",
          PERCENT, new Deadline(CASES_ACKNOWLEDGED.name()), 100.0, AT_LEAST),
      new KpiDefinition("disputesResolvedWithin48h",
          "Disputes resolved by their resolve-by deadline (opening + 48 h), of those resolved or past that"
              + " deadline; open ones before it are pending.",
          PERCENT, new Deadline(DISPUTES_RESOLVED.name()), 95.0, AT_LEAST),
      new KpiDefinition("paymentIssuesResolvedWithin48h",
          "Customer payment issues resolved by their resolve-by deadline (opening + 48 h), of those"
              + " resolved or past that deadline; open ones before it are pending.",
          PERCENT, new Deadline(PAYMENT_ISSUES_RESOLVED.name()), 99.0, AT_LEAST),
      new KpiDefinition("receiptsSentWithin24h",
          "Receipts delivered to the customer (any channel) within 24 h of being issued (when the order"
              + " became fully paid), of those delivered or past that deadline; a withheld receipt is never"
              + " delivered.",
          PERCENT, new Deadline(RECEIPTS.name()), 100.0, AT_LEAST),
      new KpiDefinition("disputeRate",
          "Disputes (chargebacks, fraud: cases of kind DISPUTE) opened per registered order.",
          PERCENT, new Ratio(CASES_BY_KIND.of("DISPUTE"), ORDERS.name(), null), 2.0, BELOW),
      new KpiDefinition("escalationRate",
          "Cases escalated at least once (by an agent or a missed deadline), of the cases opened.",
          PERCENT, new Ratio(CASES_ESCALATED.name(), CASES.name(), null), null, BELOW),
      new KpiDefinition("firstContactResolution",
          "Resolved cases that were resolved at first contact: no round trip to the customer and no"
              + " escalation.",
          PERCENT, new Ratio(CASES_FIRST_CONTACT.name(), CASES_RESOLVED.name(), null), null, AT_LEAST),
      new KpiDefinition("averageCsat",
          "The customers' average rating (1 to 5) of their resolved cases, over the cases rated.",
          SCORE, new Average(CSAT_SUM.name(), CSAT_RATED.name()), null, AT_LEAST),
      new KpiDefinition("medianTimeToResolve",
          "The median time from opening to resolution of the resolved cases, in hours (nearest rank,"
              + " to the second).",
          HOURS, new TimeQuantile(0.5), 48.0, AT_MOST),
      new KpiDefinition("p95TimeToResolve",
          "The 95th percentile of the time from opening to resolution of the resolved cases, in hours"
              + " (nearest rank, to the second).",
          HOURS, new TimeQuantile(0.95), 48.0, AT_MOST));
}
