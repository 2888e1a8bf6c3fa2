package payledger.http;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.Requests.DUE;
import static payledger.testing.Requests.order;
import static payledger.testing.Requests.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.InMemoryService;
import payledger.time.ServiceClock;

/** Discrepancies, their resolution, invoice adjustments and payment linking, over real HTTP. */
class DiscrepancyApiTest {

  private static final ServiceClock clock = ServiceClock.frozenAt(Instant.parse("2026-11-22T10:00:00Z"));
  private static InMemoryService service;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    service = new InMemoryService(clock);
    api = service.api();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static ObjectNode resolution(String how) {
    return ApiClient.JSON.createObjectNode()
        .put("resolution", how).put("note", "customer agreed").put("actor", "agent-7");
  }

  @Test
  void anUnderpaymentIsShownWithItsDeadlinesAndResolvedOnlyByAFittingAction() {
    api.post("/v1/orders", order("under-1"));
    api.post("/v1/payment-events", payment("evt-under-1", "under-1", "SUCCEEDED", DUE - 100));

    JsonNode order = api.get("/v1/orders/under-1").json();
    assertEquals("DISCREPANCY", order.path("status").asText());
    JsonNode d = order.path("discrepancies").get(0);
    assertEquals("UNDERPAYMENT", d.path("type").asText());
    assertEquals(DUE, d.path("expected").path("value").asLong());
    assertEquals(DUE - 100, d.path("actual").path("value").asLong());
    Instant detected = Instant.parse(d.path("detectedAt").asText());
    assertEquals(detected.plus(Duration.ofHours(24)), Instant.parse(d.path("customerNotifyBy").asText()));
    assertEquals(detected.plus(Duration.ofHours(48)), Instant.parse(d.path("resolveBy").asText()));
    assertEquals(0, d.path("escalationLevel").asInt(), "no SLA moment passed yet");
    assertTrue(d.path("slaPassed").isArray() && d.path("slaPassed").isEmpty(), d.toString());
    assertFalse(d.path("customerNotified").asBoolean());
    String path = "/v1/orders/under-1/discrepancies/" + d.path("id").asText() + "/resolve";

    Reply refund = api.post(path, resolution("REFUNDED"));
    assertEquals(409, refund.status());
    assertTrue(refund.json().path("detail").asText().contains("WRITTEN_OFF"), refund.body());

    Reply written = api.post(path, resolution("WRITTEN_OFF"));
    assertEquals(201, written.status(), written.body());
    assertEquals("agent-7", written.json().path("discrepancies").get(0).path("resolvedBy").asText());
    assertFalse(written.json().path("autoReconciled").asBoolean());
    assertEquals(200, api.post(path, resolution("WRITTEN_OFF")).status());
    assertEquals(409, api.post(path, resolution("ACCEPTED")).status());

    assertEquals(404, api.post("/v1/orders/under-1/discrepancies/D99/resolve", resolution("ACCEPTED")).status());
    assertEquals(400, api.post(path, resolution("AUTO_MATCHED")).status());
    assertEquals(400, api.post(path, resolution("ACCEPTED").without("note")).status());
  }

  @Test
  void anAdjustmentIsIdempotentAndSettlesTheShortfall() {
    api.post("/v1/orders", order("adj-1"));
    api.post("/v1/payment-events", payment("evt-adj-1", "adj-1", "SUCCEEDED", DUE - 500));
    ObjectNode goodwill = ApiClient.JSON.createObjectNode()
        .put("adjustmentId", "goodwill-1").put("reason", "late delivery").put("actor", "agent-7");
    goodwill.putObject("amount").put("value", -500).put("currency", "EUR");

    Reply adjusted = api.post("/v1/orders/adj-1/adjustments", goodwill);
    assertEquals(201, adjusted.status(), adjusted.body());
    assertEquals("RECONCILED", adjusted.json().path("status").asText());
    assertEquals("INVOICE_ADJUSTED",
        adjusted.json().path("discrepancies").get(0).path("resolution").asText());
    assertEquals(DUE - 500, adjusted.json().path("totals").path("due").path("value").asLong());

    assertEquals(200, api.post("/v1/orders/adj-1/adjustments", goodwill).status());
    ((ObjectNode) goodwill.get("amount")).put("value", -400);
    assertEquals(409, api.post("/v1/orders/adj-1/adjustments", goodwill).status());
    ((ObjectNode) goodwill.get("amount")).put("value", 0);
    assertEquals(400, api.post("/v1/orders/adj-1/adjustments", goodwill).status());
    assertEquals(409, api.post("/v1/orders/nobody/adjustments", goodwill.put("adjustmentId", "x")
        .set("amount", ApiClient.JSON.createObjectNode().put("value", 5).put("currency", "EUR"))).status());
  }

  @Test
  void aPaymentWithoutAnOrderIsHeldAndLinkedBySupport() {
    ObjectNode orphan = payment("evt-orphan-1", "ignored", "SUCCEEDED", DUE);
    orphan.remove("orderId");
    orphan.put("paymentId", "pi_orphan_1");

    Reply held = api.post("/v1/payment-events", orphan);
    assertEquals(201, held.status(), held.body());
    assertTrue(held.json().path("orderId").isMissingNode());
    assertEquals("UNLINKED", held.json().path("orderStatus").asText());

    api.post("/v1/orders", order("link-1"));
    ObjectNode link = ApiClient.JSON.createObjectNode()
        .put("gateway", "testpay").put("paymentId", "pi_orphan_1").put("actor", "agent-7");
    Reply linked = api.post("/v1/orders/link-1/link-payment", link);
    assertEquals(200, linked.status(), linked.body());
    assertEquals("RECONCILED", linked.json().path("status").asText());
    assertEquals("evt-orphan-1", linked.json().path("payments").get(0).path("eventId").asText());

    assertEquals(200, api.post("/v1/orders/link-1/link-payment", link).status(), "idempotent");
    api.post("/v1/orders", order("link-2"));
    assertEquals(409, api.post("/v1/orders/link-2/link-payment", link).status());
    assertEquals(404, api.post("/v1/orders/link-1/link-payment", link.put("paymentId", "pi_none")).status());

    Reply redelivered = api.post("/v1/payment-events", orphan);
    assertEquals(200, redelivered.status());
    assertEquals("link-1", redelivered.json().path("orderId").asText());
  }

  @Test
  void linkingToAHostileOrUnregisteredOrderIdIsRefusedAndJournalsNothing() {
    ObjectNode orphan = payment("evt-orphan-3", "ignored", "SUCCEEDED", DUE);
    orphan.remove("orderId");
    orphan.put("paymentId", "pi_orphan_3");
    assertEquals(201, api.post("/v1/payment-events", orphan).status());
    String holder = "~" + orphan.path("gateway").asText() + ":pi_orphan_3";
    int held = service.journal().persistedInStorage("OrderLedger|" + holder).size();
    ObjectNode link = ApiClient.JSON.createObjectNode().put("gateway", orphan.path("gateway").asText())
        .put("paymentId", "pi_orphan_3").put("actor", "agent-7");

    Map<String, String> hostile = new LinkedHashMap<>();
    hostile.put("a b", "a%20b");
    hostile.put("a/b", "a%2Fb");
    hostile.put("a\u0000b", "a%00b");
    hostile.put("x".repeat(129), "x".repeat(129));
    // A bare ".." never reaches a route (the HTTP layer collapses it); a leading dot does.
    hostile.put("..x", "..x");
    hostile.put("bestellung-\u00e4", "bestellung-%C3%A4");
    hostile.put(holder, URLEncoder.encode(holder, StandardCharsets.UTF_8));
    hostile.put("never-registered-1", "never-registered-1");
    for (Map.Entry<String, String> id : hostile.entrySet()) {
      Reply reply = api.post("/v1/orders/" + id.getValue() + "/link-payment", link);
      assertTrue(reply.status() == 404 || reply.status() == 400, id.getKey() + ": " + reply.status() + " " + reply.body());
      assertTrue(reply.isProblem(), reply.body());
      if (!id.getKey().equals(holder)) {
        assertEquals(List.of(), service.journaled(id.getKey()), id.getKey());
      }
    }
    assertEquals(held, service.journal().persistedInStorage("OrderLedger|" + holder).size(), "the holder is not linked");
  }
}
