package payledger.readmodel;

import static payledger.readmodel.KpiDefinition.Comparison.*;
import static payledger.readmodel.KpiDefinition.Unit.*;
import static payledger.readmodel.KpiFact.Kind.*;

import java.util.List;
import payledger.readmodel.KpiFormula.AmountShare;
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
  // A success's PAYMENT fact has no category (as stored before failures, refunds and chargebacks
  // were facts too).
  static final KpiCounter PAYMENTS = KpiCounter.count("payments", PAYMENT, f -> f.category() == null);
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
  /** Resolved cases, and the histogram of their times (stored in {@code rm_kpi_daily.resolve_seconds}). */
  public static final KpiCounter CASES_RESOLVED = KpiCounter.done("cases.resolved", CASE);
  static final KpiCounter CASES_FIRST_CONTACT = KpiCounter.flagged("cases.fcr", CASE, KpiFact.Flag.FIRST_CONTACT);
  static final KpiCounter CSAT_SUM = KpiCounter.sum("cases.csat.sum", CASE, KpiFact::csat);
  static final KpiCounter CSAT_RATED = KpiCounter.count("cases.csat.n", CASE, f -> f.csat() != null);
  static final KpiCounter PAYMENTS_FAILED = outcome("payments.failed", KpiFacts.FAILED);
  static final KpiCounter PAYMENTS_DECLINED = outcome("payments.declined", KpiFacts.DECLINED);
  static final KpiCounter PAYMENTS_ENDED = KpiCounter.count("payments.ended", PAYMENT, f -> f.category() == null
      || KpiFacts.FAILED.equals(f.category()) || KpiFacts.DECLINED.equals(f.category()));
  static final KpiCounter REFUNDS = outcome("refunds", KpiFacts.REFUNDED);
  static final KpiCounter CHARGEBACKS = outcome("chargebacks", KpiFacts.CHARGEBACK);
  static final KpiCounter AMOUNT_PAID = KpiCounter.amountPerCurrency("payments.amount.", PAYMENT,
      f -> f.category() == null);
  static final KpiCounter AMOUNT_REFUNDED = KpiCounter.amountPerCurrency("refunds.amount.", PAYMENT,
      f -> KpiFacts.REFUNDED.equals(f.category()));
  static final KpiCounter AMOUNT_CHARGED_BACK = KpiCounter.amountPerCurrency("chargebacks.amount.", PAYMENT,
      f -> KpiFacts.CHARGEBACK.equals(f.category()));
  // An order's receipt deadline exists once its receipt is issued.
  static final KpiCounter RECEIPTS_ISSUED = KpiCounter.count("receipts.issued", ORDER, f -> f.doneDue() != null);
  static final KpiCounter RECEIPTS_WITHHELD = KpiCounter.flagged("receipts.withheld", ORDER, KpiFact.Flag.RECEIPT_WITHHELD);
  static final KpiCounter RECEIPTS_SENDABLE = KpiCounter.count("receipts.sendable", ORDER,
      f -> f.doneDue() != null && !f.has(KpiFact.Flag.RECEIPT_WITHHELD));
  static final KpiCounter RECEIPTS_SENDING = KpiCounter.count("receipts.sending", ORDER,
      f -> f.doneDue() != null && !f.has(KpiFact.Flag.RECEIPT_WITHHELD) && !f.has(KpiFact.Flag.RECEIPT_FIRST_CHANNEL)
          && !f.has(KpiFact.Flag.RECEIPT_AFTER_FALLBACK) && !f.has(KpiFact.Flag.RECEIPT_NOT_DELIVERED));
  static final KpiCounter RECEIPTS_FIRST_CHANNEL =
      KpiCounter.flagged("receipts.firstChannel", ORDER, KpiFact.Flag.RECEIPT_FIRST_CHANNEL);
  static final KpiCounter RECEIPTS_AFTER_FALLBACK =
      KpiCounter.flagged("receipts.afterFallback", ORDER, KpiFact.Flag.RECEIPT_AFTER_FALLBACK);
  static final KpiCounter RECEIPTS_NOT_DELIVERED =
      KpiCounter.flagged("receipts.notDelivered", ORDER, KpiFact.Flag.RECEIPT_NOT_DELIVERED);
  static final KpiCounter RECEIPTS_DELIVERED = KpiCounter.count("receipts.delivered", ORDER,
      f -> f.has(KpiFact.Flag.RECEIPT_FIRST_CHANNEL) || f.has(KpiFact.Flag.RECEIPT_AFTER_FALLBACK));
  // Not under "discrepancies.": that prefix is the per-type counts.
  static final KpiCounter DISCREPANCIES_ESCALATED =
      KpiCounter.flagged("discrepancy.escalated", DISCREPANCY, KpiFact.Flag.ESCALATED);

  /** Resolved discrepancies, and the histogram of their times from detection to resolution. */
  static final KpiCounter DISCREPANCIES_DONE = KpiCounter.done("discrepancy.resolved", DISCREPANCY);

  /** Vendor cases (source VENDOR) by their resolve-by deadline; also counted among the payment issues. */
  static final KpiCounter VENDOR_ISSUES_RESOLVED = KpiCounter.sla("VENDOR.resolve", CASE,
      f -> f.has(KpiFact.Flag.VENDOR), KpiFact::doneAt, KpiFact::doneDue);

  /** Vendors' payout periods: on time and correct, faulty, or open until the day plus the grace. */
  static final KpiCounter PAYOUT_PERIODS = KpiCounter.judged("vendor.payouts", PAYOUT_PERIOD,
      f -> !f.has(KpiFact.Flag.PAYOUT_NOTHING_DUE), KpiFact.Flag.PAYOUT_ON_TIME_AND_CORRECT,
      KpiFact.Flag.PAYOUT_FAULTY);

  /** Every counter, in the order the summary applies them. */
  public static final List<KpiCounter> COUNTERS = List.of(ORDERS, ORDERS_RECONCILED, ORDERS_AUTO_RECONCILED,
      ORDERS_AWAITING_PAYMENT, RECEIPTS, PAYMENTS, DISCREPANCIES, DISCREPANCIES_BY_TYPE,
      DISCREPANCIES_RESOLVED, CUSTOMERS_NOTIFIED, CASES, CASES_BY_KIND, CASES_ACKNOWLEDGED,
      DISPUTES_RESOLVED, PAYMENT_ISSUES_RESOLVED, CASES_ESCALATED, CASES_RESOLVED, CASES_FIRST_CONTACT,
      CSAT_SUM, CSAT_RATED, PAYMENTS_FAILED, PAYMENTS_DECLINED, PAYMENTS_ENDED, REFUNDS, CHARGEBACKS,
      AMOUNT_PAID, AMOUNT_REFUNDED, AMOUNT_CHARGED_BACK, RECEIPTS_ISSUED, RECEIPTS_WITHHELD, RECEIPTS_SENDABLE,
      RECEIPTS_SENDING, RECEIPTS_FIRST_CHANNEL, RECEIPTS_AFTER_FALLBACK, RECEIPTS_NOT_DELIVERED,
      RECEIPTS_DELIVERED, DISCREPANCIES_ESCALATED, DISCREPANCIES_DONE, VENDOR_ISSUES_RESOLVED,
      PAYOUT_PERIODS);

  private static KpiCounter outcome(String name, String category) {
    return KpiCounter.count(name, PAYMENT, f -> category.equals(f.category()));
  }

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
          "Customer payment issues opened (cases of kind PAYMENT_ISSUE)."),
      new Volume("paymentsFailed", PAYMENTS_FAILED.name(),
          "Payment attempts on registered orders that failed for another reason than a decline"
              + " (processing errors, timeouts, failed captures)."),
      new Volume("paymentsDeclined", PAYMENTS_DECLINED.name(),
          "Payment attempts on registered orders that the customer's bank or card refused (a failure"
              + " whose reason says declined, refused, insufficient funds or expired)."),
      new Volume("refunds", REFUNDS.name(), "Refunds recorded (each refund event, full or partial)."),
      new Volume("chargebacks", CHARGEBACKS.name(),
          "Chargebacks recorded (each chargeback event, counted even if later reversed)."),
      new Volume("receiptsWithheld", RECEIPTS_WITHHELD.name(),
          "Receipts withheld: issued for a fully paid order but not matching the order and its"
              + " payments, so never sent (the orders registered in the period)."),
      new Volume("discrepanciesEscalated", DISCREPANCIES_ESCALATED.name(),
          "Discrepancies escalated at least once (a missed notice or resolution deadline)."),
      new Volume("casesEscalated", CASES_ESCALATED.name(),
          "Cases escalated at least once (by an agent or a missed deadline)."));

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
              + " of those delivered or past that deadline; the others are pending. Discrepancies no"
              + " customer is told of (unlinked money, a withheld receipt) are not counted.",
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
      new KpiDefinition("vendorIssuesResolvedWithin48h",
          "Vendor cases (opened by or for a marketplace vendor about its payouts: source VENDOR)"
              + " resolved by their resolve-by deadline (opening + 48 h), of those resolved or past that"
              + " deadline; open ones before it are pending. They count among the payment issues too.",
          PERCENT, new Deadline(VENDOR_ISSUES_RESOLVED.name()), 99.0, AT_LEAST),
      new KpiDefinition("payoutsOnTimeAndCorrect",
          "Vendors' scheduled payout periods (a payout day of one currency on which the vendor was owed"
              + " money) paid within the day plus the payout grace with no payout discrepancy, of the"
              + " periods decided: paid so, or with a short, excess, missing or failed payout, or past"
              + " that window unpaid. A period within its window and not yet paid is pending. Counted"
              + " on the payout day, under no payment method and no gateway.",
          PERCENT, new Deadline(PAYOUT_PERIODS.name()), 100.0, AT_LEAST),
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
      new KpiDefinition("discrepancyEscalationRate",
          "Discrepancies escalated at least once (their customer-notice or resolution deadline missed),"
              + " of the discrepancies detected; beside escalationRate, which counts cases.",
          PERCENT, new Ratio(DISCREPANCIES_ESCALATED.name(), DISCREPANCIES.name(), null), null, BELOW),
      new KpiDefinition("paymentSuccessRate",
          "Payment attempts that succeeded, of the attempts recorded on registered orders that ended:"
              + " succeeded, failed or declined (authorisations without a capture are no outcome). Every"
              + " attempt counts, so a failure retried with success counts once each way.",
          PERCENT, new Ratio(PAYMENTS.name(), PAYMENTS_ENDED.name(), null), null, AT_LEAST),
      new KpiDefinition("refundRate",
          "Refunds recorded (each refund event, full or partial) per successful payment recorded in the"
              + " same period; a refund of an earlier period's payment counts in its own period.",
          PERCENT, new Ratio(REFUNDS.name(), PAYMENTS.name(), null), null, BELOW),
      new KpiDefinition("refundAmountRate",
          "The amount refunded of the amount paid by successful payments in the same period, per"
              + " currency (minor units; one measure per currency, e.g. refundAmountRate.EUR).",
          PERCENT, new AmountShare(AMOUNT_REFUNDED.name(), AMOUNT_PAID.name(), null), null, BELOW),
      new KpiDefinition("chargebackRate",
          "Chargebacks recorded (each chargeback event, even if later reversed) per successful payment"
              + " recorded in the same period.",
          PERCENT, new Ratio(CHARGEBACKS.name(), PAYMENTS.name(), null), null, BELOW),
      new KpiDefinition("chargebackAmountRate",
          "The amount charged back of the amount paid by successful payments in the same period, per"
              + " currency (minor units; one measure per currency, e.g. chargebackAmountRate.EUR).",
          PERCENT, new AmountShare(AMOUNT_CHARGED_BACK.name(), AMOUNT_PAID.name(), null), null, BELOW),
      new KpiDefinition("receiptAccuracy",
          "Receipts that matched their order and payments and were sent, of the receipts issued (a"
              + " receipt is issued when its order becomes fully paid; a mismatch withholds it).",
          PERCENT, new Ratio(RECEIPTS_SENDABLE.name(), RECEIPTS_ISSUED.name(), null), null, AT_LEAST),
      new KpiDefinition("receiptDeliverySuccess",
          "Receipts whose automatic send reached the customer (on the first channel tried or after"
              + " falling back to the next), of the sent receipts whose send has ended; those still"
              + " being tried are pending. Withheld receipts are not sent; resends do not count.",
          PERCENT, new Ratio(RECEIPTS_DELIVERED.name(), RECEIPTS_SENDABLE.name(), RECEIPTS_SENDING.name()),
          null, AT_LEAST),
      new KpiDefinition("receiptsDeliveredFirstChannel",
          "Receipts whose automatic send reached the customer on the first channel of their"
              + " preferences (retries on that channel included), of the sent receipts whose send has"
              + " ended; those still being tried are pending.",
          PERCENT, new Ratio(RECEIPTS_FIRST_CHANNEL.name(), RECEIPTS_SENDABLE.name(), RECEIPTS_SENDING.name()),
          null, AT_LEAST),
      new KpiDefinition("receiptsDeliveredAfterFallback",
          "Receipts whose automatic send reached the customer only on a later channel, after the first"
              + " failed, of the sent receipts whose send has ended; those still being tried are pending.",
          PERCENT, new Ratio(RECEIPTS_AFTER_FALLBACK.name(), RECEIPTS_SENDABLE.name(), RECEIPTS_SENDING.name()),
          null, BELOW),
      new KpiDefinition("receiptsNeverDelivered",
          "Receipts whose automatic send failed on every channel the customer has, of the sent receipts"
              + " whose send has ended; those still being tried are pending.",
          PERCENT, new Ratio(RECEIPTS_NOT_DELIVERED.name(), RECEIPTS_SENDABLE.name(), RECEIPTS_SENDING.name()),
          null, BELOW),
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
          HOURS, new TimeQuantile(CASES_RESOLVED.name(), 0.5), 48.0, AT_MOST),
      new KpiDefinition("p95TimeToResolve",
          "The 95th percentile of the time from opening to resolution of the resolved cases, in hours"
              + " (nearest rank, to the second).",
          HOURS, new TimeQuantile(CASES_RESOLVED.name(), 0.95), 48.0, AT_MOST),
      new KpiDefinition("discrepancyMedianTimeToResolve",
          "The median time from detection to resolution of the resolved discrepancies (by hand or"
              + " auto-matched by later payments), in hours (nearest rank, to the second); apart from"
              + " the cases' medianTimeToResolve.",
          HOURS, new TimeQuantile(DISCREPANCIES_DONE.name(), 0.5), 48.0, AT_MOST),
      new KpiDefinition("discrepancyP95TimeToResolve",
          "The 95th percentile of the time from detection to resolution of the resolved discrepancies"
              + " (by hand or auto-matched), in hours (nearest rank, to the second).",
          HOURS, new TimeQuantile(DISCREPANCIES_DONE.name(), 0.95), 48.0, AT_MOST));
}
