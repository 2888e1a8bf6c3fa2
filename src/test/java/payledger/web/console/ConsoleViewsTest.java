package payledger.web.console;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import payledger.audit.VerifyReport;
import payledger.readmodel.ProjectionStatus;
import payledger.web.Pages;
import payledger.web.Sessions;

/**
 * The dashboard's projection rows and who sees them, the order page's verification outcome, in the
 * page's words, and the queues' next-page link.
 */
class ConsoleViewsTest {

  private final Map<String, String> en = new Pages().strings("en");

  @Test
  void aProjectionShowsItsInstanceFurthestBehindAndHowManyStarted() {
    Instant t = Instant.parse("2026-12-07T05:00:00Z");
    List<Map<String, Object>> rows = Health.projectionRows(List.of(
        new ProjectionStatus.Instance("orders", "order-0", t, 9.0),
        new ProjectionStatus.Instance("orders", "order-1", t.minusSeconds(3600), 3690.0),
        new ProjectionStatus.Instance("orders", "order-2", null, null),
        new ProjectionStatus.Instance("disputes", "dispute-0", null, null)), en);
    assertEquals(2, rows.size());
    Map<String, Object> orders = rows.get(0);
    assertEquals("orders", orders.get("name"));
    assertEquals(2, orders.get("started"));
    assertEquals(3, orders.get("instances"));
    assertEquals("2026-12-07 04:00 UTC", orders.get("oldest"));
    assertEquals("1 h 1 m", orders.get("age"));
    assertEquals("nothing projected yet", rows.get(1).get("oldest"));
  }

  /** As {@code GET /v1/admin/projections}: the admin role only (support and auditors see the KPIs). */
  @Test
  void theDashboardsHealthIsTheAdminsAsTheProjectionStatusOfTheApi() {
    assertTrue(Console.mayWatchHealth(new Sessions.Principal.Staff("root", Set.of("ADMIN"))));
    assertFalse(Console.mayWatchHealth(new Sessions.Principal.Staff("agent", Set.of("SUPPORT"))));
    assertFalse(Console.mayWatchHealth(new Sessions.Principal.Staff("audit", Set.of("AUDITOR"))));
    assertFalse(Console.mayWatchHealth(new Sessions.Principal.Staff("both", Set.of("SUPPORT", "AUDITOR"))));
  }

  @Test
  void theNextPageOfAQueueKeepsTheFiltersAndTheOtherQueuesPage() {
    String next = QueuesPage.next(Map.of("gateway", "acme-pay", "priority", "HIGH", "ctoken", "c1"),
        "dtoken", "d2");
    assertTrue(next.startsWith("/console/queues?"), next);
    List<String> params = List.of(next.substring(next.indexOf('?') + 1).split("&"));
    assertEquals(Set.of("gateway=acme-pay", "priority=HIGH", "ctoken=c1", "dtoken=d2"), Set.copyOf(params));
    assertNull(QueuesPage.next(Map.of("gateway", "acme-pay"), "dtoken", null), "the last page has no next");
  }

  @Test
  void aVerificationSaysWhetherItPassedAndListsEachProblem() {
    VerifyReport clean = report(List.of(), List.of());
    Map<String, Object> ok = Verified.view(clean, en);
    assertEquals(true, ok.get("ok"));
    assertTrue(ok.get("headline").toString().startsWith("Verified"));
    assertEquals("7 events checked (0 written before the hash chain, verified by replay) in 12 ms", ok.get("counts"));

    VerifyReport broken = report(List.of(new VerifyReport.BrokenChain("order", "o-1", "Order|o-1", 3, "hash differs")),
        List.of(new VerifyReport.Mismatch("order", "o-1", "read-model", "rm_order_view", "status", "PAID",
            "UNPAID", "rm_order_view.status: journal PAID, found UNPAID")));
    Map<String, Object> failed = Verified.view(broken, en);
    assertEquals(false, failed.get("ok"));
    assertEquals(List.of("Hash chain broken at event 3: hash differs",
        "read-model: rm_order_view.status: journal PAID, found UNPAID"), failed.get("problems"));
    assertEquals(false, Verified.view(null, en).get("ok"), "nothing to verify is no pass");
  }

  private static VerifyReport report(List<VerifyReport.BrokenChain> chains, List<VerifyReport.Mismatch> readModels) {
    return new VerifyReport("order o-1", Instant.parse("2026-12-07T05:00:00Z"), 12, 1, 7, 0, chains.size(),
        readModels.size(), 0, chains, List.of(), readModels, List.of(), List.of("chain", "state", "read-models"),
        List.of(), false);
  }
}
