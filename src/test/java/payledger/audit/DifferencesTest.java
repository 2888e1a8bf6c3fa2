package payledger.audit;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import payledger.audit.EntityCheck.Difference;
import payledger.readmodel.OrderRow;

class DifferencesTest {

  private static final Instant AT = Instant.parse("2026-12-01T10:00:00.123456Z");
  private static final OrderRow ROW =
      new OrderRow("o1", "c1", "RECONCILED", "EUR", 3090L, 3090L, true, "card", "stripe", AT);

  @Test
  void aKeptRowThatAgreesToTheMillisecondHasNoDifference() {
    OrderRow kept = new OrderRow("o1", "c1", "RECONCILED", "EUR", 3090L, 3090L, true, "card",
        "stripe", Instant.parse("2026-12-01T10:00:00.123Z"));
    assertEquals(List.of(), new Differences().row("rm_orders_by_hour", ROW, kept).list());
  }

  @Test
  void eachDifferingFieldIsNamedWithTheExpectedAndTheFoundValue() {
    OrderRow kept = new OrderRow("o1", "c1", "DISCREPANCY", "EUR", 3090L, 1L, true, "card",
        "stripe", AT);
    assertEquals(List.of(
            new Difference("rm_orders_by_status_hour", "status", "RECONCILED", "DISCREPANCY"),
            new Difference("rm_orders_by_status_hour", "netPaid", "3090", "1")),
        new Differences().row("rm_orders_by_status_hour", ROW, kept).list());
  }

  @Test
  void aMissingOrExtraRowIsOneDifference() {
    assertEquals(List.of(new Difference("t", Difference.ROW, "present", "absent")),
        new Differences().row("t", ROW, null).list());
    assertEquals(List.of(new Difference("t", Difference.ROW, "absent", "present")),
        new Differences().row("t", null, ROW).list());
    assertEquals(List.of(), new Differences().row("t", null, null).list());
  }

  @Test
  void ignoredFieldsAreNotCompared() {
    OrderRow kept = new OrderRow("o1", "c1", "RECONCILED", "EUR", 3090L, 3090L, true, "paypal",
        "other", AT);
    assertEquals(List.of(), new Differences().row("t", ROW, kept, Set.of("method", "gateway")).list());
  }

  @Test
  void aDifferenceReadsAsOneSentence() {
    assertEquals("rm_kpi_facts csat: expected 5, found 3",
        new Difference("rm_kpi_facts", "csat", "5", "3").describe());
    assertEquals("deadlines: the comparison failed: timeout",
        Difference.of("deadlines", "the comparison failed: timeout").describe());
  }

  @Test
  void aScopeWithNothingInItSaysSo() {
    assertEquals("the journal holds no events of OrderLedger x",
        Scope.entity("OrderLedger", "x").nothingFound());
    assertEquals("the journal holds no events", Scope.everything().nothingFound());
    assertEquals("the journal holds no events from 2001-01-01T00:00:00Z to now",
        Scope.range(Instant.parse("2001-01-01T00:00:00Z"), null).nothingFound());
  }
}
