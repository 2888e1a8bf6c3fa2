package payledger.fraud;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import payledger.order.PaymentEvent;

class AssessmentWriteTest {

  private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
  private static final Reason TESTING = new Reason(FraudRule.CARD_TESTING, 40, "6 declines");

  private static RiskAssessment registered() {
    return RiskAssessment.empty("order").registered("customer", "c@example.com");
  }

  private static RiskAssessment paid(RiskAssessment a, String gateway, String card) {
    return new RiskAssessment(a.orderId(), a.customerId(), a.email(), a.score(), a.status(),
        a.reasons(), a.gatewayRisk(), union(a.gateways(), gateway), union(a.cards(), card),
        a.flaggedAt(), AT, a.caseId(), a.verdict(), a.verdictAt());
  }

  private static Set<String> union(Set<String> set, String more) {
    java.util.Set<String> all = new java.util.TreeSet<>(set);
    all.add(more);
    return all;
  }

  @Test
  void aNewRowInsertsItsValuesAndAddsItsCollectionsInOneBatchBindingNoNull() {
    RiskAssessment a = paid(registered(), "stripe", "fp1");

    AssessmentWrite w = AssessmentWrite.of("ks", RiskAssessment.empty("order"), a).orElseThrow();

    assertEquals("BEGIN UNLOGGED BATCH INSERT INTO ks.fraud_assessments (order_id, customer_id,"
        + " email, score, status, updated_at) VALUES (?, ?, ?, ?, ?, ?); UPDATE ks.fraud_assessments"
        + " SET gateways = gateways + ?, cards = cards + ? WHERE order_id = ?; APPLY BATCH", w.cql());
    assertEquals(List.of("order", "customer", "c@example.com", 0, "CLEAR", AT, Set.of("stripe"),
        Set.of("fp1"), "order"), List.of(w.values()));
  }

  @Test
  void aNewRowWithoutCollectionsIsAPlainInsertAndNoStoredRowCountsAsNew() {
    AssessmentWrite w = AssessmentWrite.of("ks", null, registered()).orElseThrow();

    assertEquals("INSERT INTO ks.fraud_assessments (order_id, customer_id, email, score, status)"
        + " VALUES (?, ?, ?, ?, ?)", w.cql());
  }

  @Test
  void anUpdateWritesOnlyWhatChangedAndAddsOnlyTheNewEntries() {
    RiskAssessment before = paid(registered(), "stripe", "fp1");
    RiskAssessment after = paid(before, "adyen", "fp2").with(List.of(TESTING),
        new PaymentEvent.Risk(PaymentEvent.RiskLevel.ELEVATED, 65, "elevated"),
        AT.plusSeconds(1), FraudRulesTest.SETTINGS);

    AssessmentWrite w = AssessmentWrite.of("ks", before, after).orElseThrow();

    assertEquals("UPDATE ks.fraud_assessments SET score = ?, status = ?, reasons = reasons + ?,"
        + " weights = weights + ?, gateway_risk_level = ?, gateway_risk_score = ?,"
        + " gateway_risk_label = ?, gateways = gateways + ?, cards = cards + ?, flagged_at = ?,"
        + " updated_at = ? WHERE order_id = ?", w.cql());
    assertEquals(List.of(40, "REVIEW", Map.of("CARD_TESTING", "6 declines"),
        Map.of("CARD_TESTING", 40), "ELEVATED", 65, "elevated", Set.of("adyen"), Set.of("fp2"),
        AT.plusSeconds(1), AT.plusSeconds(1), "order"), List.of(w.values()));
  }

  @Test
  void aVerdictWritesOnlyItsOwnColumnsSoItNeitherClobbersNorIsClobbered() {
    RiskAssessment before = paid(registered(), "stripe", "fp1").withCase("case");

    AssessmentWrite w = AssessmentWrite.of("ks", before,
        before.withVerdict(Verdict.CONFIRMED, AT)).orElseThrow();

    assertEquals("UPDATE ks.fraud_assessments SET verdict = ?, verdict_at = ? WHERE order_id = ?",
        w.cql());
    assertEquals(List.of("CONFIRMED", AT, "order"), List.of(w.values()));
  }

  @Test
  void aCollectionThatLostAnEntryIsSetWholeSoTheReadStaysExact() {
    RiskAssessment before = paid(paid(registered(), "stripe", "fp1"), "stripe", "fp2");
    RiskAssessment after = new RiskAssessment("order", "customer", "c@example.com", 0,
        RiskStatus.CLEAR, List.of(), null, Set.of("stripe"), Set.of("fp2"), null, AT, null, null,
        null);

    AssessmentWrite w = AssessmentWrite.of("ks", before, after).orElseThrow();

    assertEquals("UPDATE ks.fraud_assessments SET cards = ? WHERE order_id = ?", w.cql());
    assertEquals(List.of(Set.of("fp2"), "order"), List.of(w.values()));
  }

  @Test
  void aMapThatLostAKeyIsSetWholeAndAValueGoneIsDeleted() {
    RiskAssessment before = registered().with(List.of(TESTING), null, AT, FraudRulesTest.SETTINGS);
    RiskAssessment after = new RiskAssessment("order", null, "c@example.com", 40, RiskStatus.REVIEW,
        List.of(), null, Set.of(), Set.of(), AT, AT, null, null, null);

    AssessmentWrite w = AssessmentWrite.of("ks", before, after).orElseThrow();

    assertEquals("UPDATE ks.fraud_assessments SET customer_id = ?, reasons = ?, weights = ?"
        + " WHERE order_id = ?", w.cql());
    assertEquals(java.util.Arrays.asList(null, Map.of(), Map.of(), "order"),
        java.util.Arrays.asList(w.values()));
  }

  @Test
  void nothingChangedWritesNothing() {
    RiskAssessment a = paid(registered(), "stripe", "fp1");

    assertTrue(AssessmentWrite.of("ks", a, a).isEmpty());
  }
}
