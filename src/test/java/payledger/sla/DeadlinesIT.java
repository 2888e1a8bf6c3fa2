package payledger.sla;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.Requests;
import payledger.testing.TestConfigs;

/**
 * SLA deadlines fire through the durable mechanism (projection → deadlines table → scheduler) and
 * not only through an awake entity's timer: after a full restart, and after passivation. Service
 * time is moved with the test clock over HTTP.
 */
@ExtendWith(LocalCassandraExtension.class)
class DeadlinesIT {

  private static final Config CONFIG = TestConfigs.service("""
      pekko.persistence.cassandra.journal.keyspace = payledger_it
      payledger.test-clock.enabled = true
      pekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout = 3s
      pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
      """);

  private static ObjectNode newCase() {
    return ApiClient.JSON.createObjectNode()
        .put("customerId", "cust-42").put("category", "DOUBLE_CHARGE")
        .put("description", "charged twice").put("actor", "agent-7");
  }

  @Test
  void anAcknowledgementDeadlineFiresOnceAfterAFullRestart() throws Exception {
    String id;
    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      Reply opened = awaitJournal(api, () -> api.post("/v1/disputes", newCase()));
      assertEquals(201, opened.status(), opened.body());
      id = opened.json().path("id").asText();
      Thread.sleep(2_000); // stopped well before the deadline, possibly before the projection ran
    }

    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      awaitJournal(api, () -> api.get("/v1/disputes/" + id));
      advance(api, "PT61M");

      JsonNode fired = api.await("/v1/disputes/" + id, c -> c.path("slaPassed").toString().contains("ACK_OVERDUE"));
      assertEquals(1, fired.path("escalationLevel").asInt());
      Thread.sleep(3_000);
      JsonNode later = api.get("/v1/disputes/" + id).json();
      assertEquals(1, count(later, "ack_overdue"), "fires once");
      assertEquals(1, count(later, "ack_warning"));
    }
  }

  @Test
  void aDeadlineReachesAPassivatedCaseAndAnIdleOrder() throws Exception {
    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      Reply opened = awaitJournal(api, () -> api.post("/v1/disputes", newCase()));
      String id = opened.json().path("id").asText();
      String orderId = "dl-" + id;
      assertEquals(201, api.post("/v1/orders", Requests.order(orderId)).status());
      Thread.sleep(6_000); // both entities passivate (3 s idle)

      advance(api, "PT49H");

      JsonNode dispute = api.await("/v1/disputes/" + id,
          c -> c.path("slaPassed").toString().contains("RESOLUTION_OVERDUE"));
      assertEquals(2, dispute.path("escalationLevel").asInt(), "ack and resolution breaches");
      assertTrue(dispute.path("deadlines").path("overdue").asBoolean());
      assertTrue(api.get("/metrics").body().contains(
          "payledger_sla_deadlines_passed_total{breach=\"true\",deadline=\"RESOLUTION_OVERDUE\"}"),
          "the breach is counted");
      JsonNode order = api.await("/v1/orders/" + orderId,
          o -> o.path("discrepancies").toString().contains("MISSING_PAYMENT"));
      assertEquals("DISCREPANCY", order.path("status").asText());
    }
  }

  private static void advance(ApiClient api, String by) {
    Reply moved = api.post("/v1/admin/clock", ApiClient.JSON.createObjectNode().put("advanceBy", by));
    assertEquals(200, moved.status(), moved.body());
  }

  private static long count(JsonNode dispute, String what) {
    return StreamSupport.stream(dispute.path("timeline").spliterator(), false)
        .filter(e -> e.path("what").asText().equals(what)).count();
  }

  /** Right after a start the journal may still be connecting: retry 503s for a while. */
  private static Reply awaitJournal(ApiClient api, java.util.function.Supplier<Reply> call)
      throws InterruptedException {
    Reply reply = call.get();
    for (int i = 0; i < 60 && reply.status() == 503; i++) {
      Thread.sleep(500);
      reply = call.get();
    }
    return reply;
  }
}
