package payledger.report;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import payledger.dispute.CaseDetails;
import payledger.dispute.CaseResolution;
import payledger.dispute.DisputeCase;
import payledger.dispute.DisputeCategory;
import payledger.dispute.DisputeEvent;
import payledger.money.Money;
import payledger.readmodel.KpiFact;
import payledger.readmodel.KpiFacts;
import payledger.readmodel.KpiSettings;
import payledger.readmodel.KpiSummary;
import payledger.readmodel.ReadModelStore.Dims;
import payledger.vendor.Movement;
import payledger.vendor.PayoutEvent;
import payledger.vendor.PayoutMatching;
import payledger.vendor.PayoutPeriods;
import payledger.vendor.PayoutSchedule;
import payledger.vendor.PayoutSettings;
import payledger.vendor.ShareUpdate;
import payledger.vendor.VendorEvent;
import payledger.vendor.VendorState;

/**
 * The vendor KPIs from the ledger's states to the report's measures: vendor cases resolved within
 * 48 h (cases of source VENDOR only, open ones pending until their deadline), and payouts on time
 * and correct over a vendor's scripted weekly payouts (the payout rules themselves decide short,
 * missing, failed), with the figures computed by hand.
 */
class VendorKpisTest {

  private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

  private static DisputeCase kase(String id, CaseDetails.Source source, Duration resolvedAfter) {
    DisputeCategory category = source == CaseDetails.Source.VENDOR
        ? DisputeCategory.PAYOUT_MISSING : DisputeCategory.DOUBLE_CHARGE;
    CaseDetails details = new CaseDetails(source == CaseDetails.Source.VENDOR ? null : "o1",
        source == CaseDetails.Source.VENDOR ? null : "c1", category, "money missing",
        new Money(9000, "EUR"), source, null, null, null, "agent");
    DisputeCase c = DisputeCase.empty(id).apply(new DisputeEvent.Opened(id, details,
        T.plus(Duration.ofHours(1)), T.plus(Duration.ofHours(48)), null, T));
    if (resolvedAfter != null) {
      c = c.apply(new DisputeEvent.Resolved(id, new CaseResolution(CaseResolution.Action.NO_ACTION, null,
          "paid since", "agent"), T.plus(resolvedAfter)));
    }
    return c;
  }

  private static Map<String, Measure> measures(List<KpiFact> facts, Instant asOf) {
    return Kpis.of(KpiSummary.of(facts).get(Dims.NONE), asOf, KpiSettings.DEFAULTS.kpis()).measures();
  }

  @Test
  void vendorCasesAreFlaggedAndMeasuredApartFromOtherCases() {
    List<KpiFact> facts = new ArrayList<>();
    facts.addAll(KpiFacts.of(kase("PL-V1", CaseDetails.Source.VENDOR, Duration.ofHours(3)), null, null));
    facts.addAll(KpiFacts.of(kase("PL-V2", CaseDetails.Source.VENDOR, Duration.ofHours(50)), null, null));
    facts.addAll(KpiFacts.of(kase("PL-V3", CaseDetails.Source.VENDOR, null), null, null));
    facts.addAll(KpiFacts.of(kase("PL-C1", CaseDetails.Source.CUSTOMER, Duration.ofHours(60)), null, null));
    assertTrue(facts.get(0).has(KpiFact.Flag.VENDOR));
    assertFalse(facts.get(3).has(KpiFact.Flag.VENDOR), "a customer's case is no vendor's");

    Measure before = measures(facts, T.plus(Duration.ofHours(47))).get("vendorIssuesResolvedWithin48h");
    assertEquals(50.0, before.value(), "V1 in time, V2 late; V3 open before its deadline");
    assertEquals(1L, before.numerator());
    assertEquals(2L, before.denominator());
    assertEquals(1L, before.pending());
    assertEquals(99.0, before.target());
    assertFalse(before.met());

    Measure after = measures(facts, T.plus(Duration.ofHours(49))).get("vendorIssuesResolvedWithin48h");
    assertEquals(33.33, after.value(), "V3 still open past its deadline: missed");
    assertEquals(0L, after.pending());
  }

  private static final PayoutSettings SETTINGS = PayoutSettings.DEFAULT; // grace 2 days
  private static final Instant MON = Instant.parse("2026-11-02T10:00:00Z"); // a Monday

  private static Instant day(String date, int hour) {
    return Instant.parse(date + "T" + (hour < 10 ? "0" : "") + hour + ":00:00Z");
  }

  private static VendorState sale(VendorState v, String orderId, String currency, long part, Instant at) {
    return v.apply(v.shareMoved(new ShareUpdate(v.vendorId(), orderId, 2, Movement.Kind.SALE, currency, part,
        part, 1, at)).orElseThrow());
  }

  private static VendorState refund(VendorState v, String orderId, String currency, Instant at) {
    return v.apply(v.shareMoved(new ShareUpdate(v.vendorId(), orderId, 3, Movement.Kind.REFUND, currency, 0,
        0, 1, at)).orElseThrow());
  }

  private static VendorState payout(VendorState v, String id, PayoutEvent.Status status, long amount, Instant at) {
    PayoutEvent e = new PayoutEvent(id + status, "stripe", id, status, "EUR", amount, at);
    return applyAll(v, PayoutMatching.record(v, e, at, SETTINGS));
  }

  private static VendorState wake(VendorState v, Instant now) {
    return applyAll(v, PayoutMatching.wake(v, now, SETTINGS));
  }

  private static VendorState applyAll(VendorState v, List<VendorEvent> events) {
    for (VendorEvent e : events) {
      v = v.apply(e);
    }
    return v;
  }

  /**
   * Weekly on Mondays, T+7 (sales on a Monday are payable two Mondays later), EUR:
   * 11-16 paid 100.00 exactly (on time, correct); 11-23 paid 40.00 of 50.00 (short); 11-30 due
   * 40.00, nothing by 12-02 (missing); 12-07 paid the 60.00 then due (on time, correct: it also
   * settles the missing payout); 12-14 paid 10.00, failed the next day (failed); 12-21 due 80.00
   * (the failed 10.00 and a 70.00 sale), nothing yet: pending until 12-23, missed after. GBP: a
   * sale refunded before its payout day owes nothing and is not counted.
   */
  private static VendorState scriptedVendor() {
    VendorState v = VendorState.empty("acme");
    v = sale(v, "o1", "EUR", 10_000, MON);
    v = sale(v, "g1", "GBP", 500, MON);
    v = refund(v, "g1", "GBP", MON.plus(Duration.ofDays(3)));
    v = sale(v, "o2", "EUR", 5_000, MON.plus(Duration.ofDays(7)));
    v = payout(v, "po1", PayoutEvent.Status.PAID, 10_000, day("2026-11-16", 9));
    v = sale(v, "o3", "EUR", 3_000, MON.plus(Duration.ofDays(14)));
    v = payout(v, "po2", PayoutEvent.Status.PAID, 4_000, day("2026-11-23", 9));
    v = sale(v, "o4", "EUR", 2_000, MON.plus(Duration.ofDays(21)));
    v = wake(v, day("2026-12-02", 1));
    v = sale(v, "o5", "EUR", 1_000, MON.plus(Duration.ofDays(28)));
    v = payout(v, "po3", PayoutEvent.Status.PAID, 6_000, day("2026-12-07", 9));
    v = sale(v, "o6", "EUR", 7_000, MON.plus(Duration.ofDays(35)));
    v = payout(v, "po4", PayoutEvent.Status.PAID, 1_000, day("2026-12-14", 9));
    v = payout(v, "po4", PayoutEvent.Status.FAILED, 1_000, day("2026-12-15", 9));
    return wake(v, day("2026-12-16", 1));
  }

  @Test
  void eachPayoutPeriodIsOnTimeAndCorrectFaultyOpenOrOwedNothing() {
    Map<String, PayoutPeriods.Outcome> outcomes = new java.util.TreeMap<>();
    PayoutPeriods.of(scriptedVendor(), SETTINGS)
        .forEach(p -> outcomes.put(p.currency() + " " + p.day().toString().substring(0, 10), p.outcome()));
    assertEquals(Map.of(
        "EUR 2026-11-16", PayoutPeriods.Outcome.ON_TIME_AND_CORRECT,
        "EUR 2026-11-23", PayoutPeriods.Outcome.FAULTY,
        "EUR 2026-11-30", PayoutPeriods.Outcome.FAULTY,
        "EUR 2026-12-07", PayoutPeriods.Outcome.ON_TIME_AND_CORRECT,
        "EUR 2026-12-14", PayoutPeriods.Outcome.FAULTY,
        "EUR 2026-12-21", PayoutPeriods.Outcome.OPEN,
        "GBP 2026-11-16", PayoutPeriods.Outcome.NOTHING_DUE), outcomes);
  }

  @Test
  void payoutsOnTimeAndCorrectCountsDecidedPeriodsAndAnOpenOneOnlyPastItsWindow() {
    List<KpiFact> facts = KpiFacts.of(scriptedVendor(), SETTINGS);
    assertEquals(7, facts.size(), "one fact per period, the one owing nothing too");
    assertTrue(facts.stream().allMatch(f -> f.kind() == KpiFact.Kind.PAYOUT_PERIOD
        && f.itemId().startsWith("acme/") && f.startedAt().equals(Instant.parse(f.day() + "T00:00:00Z"))));

    Measure within = measures(facts, day("2026-12-22", 12)).get("payoutsOnTimeAndCorrect");
    assertEquals(40.0, within.value(), "2 of 5 decided: 11-16 and 12-07 of those and the short, missing, failed");
    assertEquals(2L, within.numerator());
    assertEquals(5L, within.denominator());
    assertEquals(1L, within.pending(), "12-21 is within its window");
    assertEquals(100.0, within.target());
    assertFalse(within.met());

    Measure after = measures(facts, day("2026-12-23", 1)).get("payoutsOnTimeAndCorrect");
    assertEquals(33.33, after.value(), "12-21 unpaid past 12-23 00:00: missed");
    assertEquals(6L, after.denominator());
    assertEquals(0L, after.pending());
  }

  @Test
  void aFailedPayoutCountsAgainstThePeriodItWasPaidFor() {
    VendorState v = VendorState.empty("dly").apply(new VendorEvent.PayoutScheduleChanged("dly",
        new PayoutSchedule(PayoutSchedule.Frequency.DAILY, 0, null), MON));
    v = sale(v, "o1", "EUR", 2_000, MON); // payable 11-03
    v = payout(v, "po1", PayoutEvent.Status.PAID, 2_000, day("2026-11-03", 9));
    v = payout(v, "po1", PayoutEvent.Status.FAILED, 2_000, day("2026-11-06", 9)); // dated 11-06
    List<PayoutPeriods.Period> periods = PayoutPeriods.of(v, SETTINGS);
    assertEquals(1, periods.size(), "the failure is no period of its own");
    assertEquals(day("2026-11-03", 0), periods.get(0).day());
    assertEquals(PayoutPeriods.Outcome.FAULTY, periods.get(0).outcome());
  }
}
