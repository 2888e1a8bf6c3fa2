package payledger.fraud;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.persistence.query.TimeBasedUUID;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.javadsl.ProjectionManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.order.OrderLedger;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;

/**
 * Fraud monitoring end to end on the real Cassandra node: card-testing payments posted over HTTP
 * give the order an assessment with its reasons and one FRAUD case at HIGH priority; a replay of
 * the fraud-risk projection from the first event opens no second case; resolving the case as fraud
 * shows in the assessment, the review queue and the rules' precision. A legitimate retry after a
 * decline stays clear. The order's view carries the same assessment. Its own keyspace.
 */
@ExtendWith(LocalCassandraExtension.class)
class FraudMonitoringIT {

  private static final String KEYSPACE = "payledger_fraud_" + System.currentTimeMillis() / 1000;
  private static Service service;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    service = Service.start(TestConfigs.service("""
        pekko.persistence.cassandra.journal.keyspace = %s
        pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
        """.formatted(KEYSPACE)), Clock.systemUTC());
    api = new ApiClient(service.httpPort());
    api.awaitJournal();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      try {
        payledger.readmodel.ReadSide.of(service.system()).session().executeWrite(
            com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                "DROP KEYSPACE IF EXISTS " + KEYSPACE).setTimeout(Duration.ofSeconds(60)))
            .toCompletableFuture().get(70, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("could not drop " + KEYSPACE + ": " + e);
      }
      service.close();
    }
  }

  @Test
  void cardTestingIsAssessedWithItsReasonsAndOpensOneFraudCaseEvenOnReplay() throws Exception {
    ObjectNode order = Requests.order("ft-o1");
    order.put("customerId", "ft-c1").put("customerEmail", "tester@example.com");
    assertEquals(201, api.post("/v1/orders", order).status());
    Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(600);
    for (int i = 0; i < 6; i++) {
      ObjectNode p = Requests.payment("ft-e" + i, "ft-o1", "FAILED", 100);
      p.put("customerId", "ft-c1").put("failureReason", "card_declined")
          .put("occurredAt", t0.plusSeconds(20L * i).toString());
      p.putObject("card").put("brand", "visa").put("last4", "424" + i).put("fingerprint", "fp-ft-" + i);
      p.putObject("risk").put("level", "ELEVATED").put("score", 65).put("label", "elevated");
      Reply reply = api.withKey(ApiClient.GATEWAY_KEY).post("/v1/payment-events", p);
      assertEquals(201, reply.status(), reply.body());
    }

    // Complete: every one of the six payments assessed (their six cards in the assessment), and
    // the case they warrant opened; the case may open on the first rules, before the last payment.
    awaitCardsAssessed("ft-o1", 6);
    JsonNode risk = api.await("/v1/orders/ft-o1/risk", r -> r.path("caseId").isTextual());
    assertEquals("CASE", risk.path("status").asText());
    List<String> rules = rules(risk);
    assertTrue(rules.contains("CARD_TESTING"), rules.toString());
    assertTrue(risk.path("score").asInt() >= 70, risk.toString());
    assertEquals("ELEVATED", risk.path("gatewayRisk").path("level").asText());
    String caseId = risk.path("caseId").asText();
    assertEquals(FraudCases.caseId("ft-o1"), caseId);

    JsonNode dispute = api.get("/v1/disputes/" + caseId).json();
    assertEquals("FRAUD", dispute.path("category").asText(), dispute.toString());
    assertEquals("HIGH", dispute.path("priority").asText(), dispute.toString());
    assertEquals("ft-c1", dispute.path("customerId").asText(), dispute.toString());
    assertTrue(dispute.path("deadlines").path("resolveBy").isTextual(), dispute.toString());
    assertEquals(List.of(caseId), fraudCases("ft-o1"));
    api.await("/v1/risk/reviews?status=CASE", page -> page.toString().contains("ft-o1"));

    // The order's own view shows the same assessment beside the order, linked to its queue.
    JsonNode view = api.get("/v1/orders/ft-o1").json().path("risk");
    assertEquals("CASE", view.path("status").asText(), view.toString());
    assertEquals(risk.path("score").asInt(), view.path("score").asInt(), view.toString());
    assertEquals(rules, rules(view));
    assertEquals(caseId, view.path("caseId").asText());
    assertEquals("ELEVATED", view.path("gatewayRisk").path("level").asText());
    assertEquals("/v1/orders/ft-o1/risk", view.path("links").path("assessment").asText());
    assertEquals("/v1/risk/reviews?status=CASE", view.path("links").path("reviews").asText());

    // Replay the projection from the first event: the same reasons, still the one case.
    ProjectionManagement management = ProjectionManagement.get(service.system());
    String tag = tagOf("ft-o1");
    ProjectionId risks = ProjectionId.of(FraudProjections.RISK, tag);
    TimeBasedUUID reached = management.<TimeBasedUUID>getOffset(risks).toCompletableFuture()
        .get(10, TimeUnit.SECONDS).orElseThrow();
    for (String t : OrderLedger.TAGS) {
      management.clearOffset(ProjectionId.of(FraudProjections.RISK, t))
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    // The replay is done with ft-o1's events once it is back at (or past) the offset it had reached.
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!management.<TimeBasedUUID>getOffset(risks).toCompletableFuture().get(10, TimeUnit.SECONDS)
        .map(at -> at.compareTo(reached) >= 0).orElse(false)) {
      assertTrue(System.nanoTime() < deadline, "the replay did not come back to its offset within 120 s");
      Thread.sleep(300);
    }
    JsonNode replayed = api.get("/v1/orders/ft-o1/risk").json();
    assertEquals(rules, rules(replayed));
    assertEquals(caseId, replayed.path("caseId").asText());
    assertEquals(List.of(caseId), fraudCases("ft-o1"));

    // The verdict: confirmed fraud, counted for each rule that flagged the order.
    step(caseId, "acknowledge");
    Reply resolved = api.post("/v1/disputes/" + caseId + "/resolve", ApiClient.JSON.createObjectNode()
        .put("action", "NO_ACTION").put("reason", "fraud: card testing, cards blocked")
        .put("actor", "agent-7"));
    assertEquals(201, resolved.status(), resolved.body());
    api.await("/v1/orders/ft-o1/risk", r -> "CONFIRMED".equals(r.path("verdict").asText()));
    JsonNode confirmedView = api.get("/v1/orders/ft-o1").json().path("risk");
    assertEquals("CONFIRMED", confirmedView.path("verdict").asText(), confirmedView.toString());
    assertEquals("/v1/risk/reviews?status=CONFIRMED", confirmedView.path("links").path("reviews").asText());
    api.await("/v1/risk/reviews?status=CONFIRMED", page -> page.toString().contains("ft-o1"));
    JsonNode precision = api.await("/v1/risk/rules", r -> confirmed(r, "CARD_TESTING") == 1);
    assertEquals(1.0, rule(precision, "CARD_TESTING").path("precision").asDouble(), 1e-9);
  }

  @Test
  void aRetryAfterADeclineStaysClear() {
    ObjectNode order = Requests.order("ft-o2");
    order.put("customerId", "ft-c2").put("customerEmail", "loyal@example.com");
    assertEquals(201, api.post("/v1/orders", order).status());
    Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(300);
    String[] types = {"FAILED", "SUCCEEDED"};
    for (int i = 0; i < 2; i++) {
      ObjectNode p = Requests.payment("ft-r" + i, "ft-o2", types[i], Requests.DUE);
      p.put("customerId", "ft-c2").put("occurredAt", t0.plusSeconds(60L * i).toString());
      if (i == 0) {
        p.put("failureReason", "insufficient_funds");
      }
      p.putObject("card").put("brand", "visa").put("last4", "1111").put("fingerprint", "fp-ft-loyal");
      assertEquals(201, api.withKey(ApiClient.GATEWAY_KEY).post("/v1/payment-events", p).status());
    }
    JsonNode risk = api.await("/v1/orders/ft-o2/risk", r -> r.path("updatedAt").asText()
        .equals(t0.plusSeconds(60).toString()));
    assertEquals("CLEAR", risk.path("status").asText(), risk.toString());
    assertEquals(0, risk.path("reasons").size(), risk.toString());
    JsonNode view = api.get("/v1/orders/ft-o2").json().path("risk");
    assertEquals("CLEAR", view.path("status").asText(), view.toString());
    assertTrue(view.path("links").path("reviews").isMissingNode(), view.toString());
  }

  @Test
  void anOrderWithoutPaymentsIsNotAssessedInItsView() throws Exception {
    assertEquals(201, api.post("/v1/orders", Requests.order("ft-o3")).status());
    JsonNode view = api.get("/v1/orders/ft-o3").json().path("risk");
    assertEquals("NOT_ASSESSED", view.path("status").asText(), view.toString());
    assertTrue(view.path("score").isMissingNode(), view.toString());
    assertTrue(api.post("/v1/orders", Requests.order("ft-o3")).json().path("risk").isMissingNode());
    // Once the projection has kept the registered order's customer, the order is still not assessed.
    awaitAssessmentRow("ft-o3");
    assertEquals(404, api.get("/v1/orders/ft-o3/risk").status());
  }

  /** Waits until the fraud-risk projection has written the order's row (its registration). */
  private static void awaitAssessmentRow(String orderId) throws Exception {
    var session = payledger.readmodel.ReadSide.of(service.system()).session();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (session.selectOne(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
            "SELECT order_id FROM " + KEYSPACE + ".fraud_assessments WHERE order_id = ?", orderId))
        .toCompletableFuture().get(30, TimeUnit.SECONDS).isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "no row for " + orderId);
      Thread.sleep(200);
    }
  }

  /** Waits until the order's assessment has seen {@code cards} distinct card fingerprints. */
  private static void awaitCardsAssessed(String orderId, int cards) throws Exception {
    var session = payledger.readmodel.ReadSide.of(service.system()).session();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      int seen = session.selectOne(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
              "SELECT cards FROM " + KEYSPACE + ".fraud_assessments WHERE order_id = ?", orderId))
          .toCompletableFuture().get(30, TimeUnit.SECONDS)
          .map(row -> row.getSet("cards", String.class).size()).orElse(0);
      if (seen >= cards) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "the assessment saw " + seen + " of " + cards + " cards");
      Thread.sleep(200);
    }
  }

  private static List<String> rules(JsonNode risk) {
    List<String> rules = new ArrayList<>();
    risk.path("reasons").forEach(r -> rules.add(r.path("rule").asText()));
    return rules;
  }

  private static List<String> fraudCases(String orderId) {
    JsonNode page = api.await("/v1/disputes?orderId=" + orderId, p -> p.path("items").size() > 0);
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(d -> {
      if ("FRAUD".equals(d.path("category").asText())) {
        ids.add(d.path("disputeId").asText());
      }
    });
    return ids;
  }

  private static JsonNode rule(JsonNode rules, String name) {
    for (JsonNode r : rules.path("rules")) {
      if (name.equals(r.path("rule").asText())) {
        return r;
      }
    }
    return ApiClient.JSON.createObjectNode();
  }

  private static long confirmed(JsonNode rules, String name) {
    return rule(rules, name).path("confirmed").asLong();
  }

  private static void step(String id, String action) {
    Reply reply = api.post("/v1/disputes/" + id + "/" + action,
        ApiClient.JSON.createObjectNode().put("actor", "agent-7"));
    assertEquals(201, reply.status(), reply.body());
  }

  private static String tagOf(String orderId) {
    return OrderLedger.TAGS.get(Math.floorMod(orderId.hashCode(), OrderLedger.TAGS.size()));
  }
}
