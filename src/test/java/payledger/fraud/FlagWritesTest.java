package payledger.fraud;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlagWritesTest {

  private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
  private static final Reason CARDS = new Reason(FraudRule.MANY_CARDS, 40, "4 cards");
  private static final Reason TESTING = new Reason(FraudRule.CARD_TESTING, 70, "6 declines");

  private static RiskAssessment flagged(Reason... fired) {
    return RiskAssessment.empty("order").registered("customer", "c@example.com")
        .with(List.of(fired), null, AT, FraudRulesTest.SETTINGS);
  }

  @Test
  void anAssessmentNotFlaggedWritesNoReviewOrOutcomeRow() {
    assertEquals(List.of(), FlagWrites.of("ks", RiskAssessment.empty("order")));
  }

  @Test
  void aFlaggedOrderWithoutCaseOrVerdictBindsNoNullAndAddsItsRules() {
    List<Upsert> writes = FlagWrites.of("ks", flagged(CARDS));

    assertEquals(2, writes.size());
    assertEquals("BEGIN UNLOGGED BATCH INSERT INTO ks.fraud_reviews (queue, month, flagged_at,"
        + " order_id, customer_id, score) VALUES (?, ?, ?, ?, ?, ?); UPDATE ks.fraud_reviews SET"
        + " rules = rules + ? WHERE queue = ? AND month = ? AND flagged_at = ? AND order_id = ?;"
        + " APPLY BATCH", writes.get(0).cql());
    assertEquals(List.of("REVIEW", "2026-12", AT, "order", "customer", 40, Set.of("MANY_CARDS"),
        "REVIEW", "2026-12", AT, "order"), List.of(writes.get(0).values()));
    assertEquals("INSERT INTO ks.fraud_rule_outcomes (rule, month, order_id) VALUES (?, ?, ?)",
        writes.get(1).cql());
    assertEquals(List.of("MANY_CARDS", "2026-12", "order"), List.of(writes.get(1).values()));
    writes.forEach(w -> assertTrue(Arrays.stream(w.values()).allMatch(Objects::nonNull), w.cql()));
  }

  @Test
  void theCaseAndTheVerdictAreWrittenOnceKnownOnEveryRowOfTheOrder() {
    RiskAssessment decided = flagged(CARDS, TESTING).withCase("case-1")
        .withVerdict(Verdict.CONFIRMED, AT.plusSeconds(60));

    List<Upsert> writes = FlagWrites.of("ks", decided);

    assertEquals(3, writes.size());
    assertTrue(writes.get(0).cql().contains("(queue, month, flagged_at, order_id, customer_id,"
        + " score, case_id)"), writes.get(0).cql());
    assertEquals(List.of("CONFIRMED", "2026-12", AT, "order", "customer", 100, "case-1",
        Set.of("CARD_TESTING", "MANY_CARDS"), "CONFIRMED", "2026-12", AT, "order"),
        List.of(writes.get(0).values()));
    for (Upsert outcome : writes.subList(1, 3)) {
      assertEquals("INSERT INTO ks.fraud_rule_outcomes (rule, month, order_id, verdict) VALUES"
          + " (?, ?, ?, ?)", outcome.cql());
      assertEquals("CONFIRMED", outcome.values()[3]);
    }
    assertEquals(Set.of("CARD_TESTING", "MANY_CARDS"),
        Set.of(writes.get(1).values()[0], writes.get(2).values()[0]));
  }
}
