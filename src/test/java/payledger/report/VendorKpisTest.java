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

/**
 * The vendor KPIs from the ledger's states to the report's measures: vendor cases resolved within
 * 48 h (cases of source VENDOR only, open ones pending until their deadline).
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
}
