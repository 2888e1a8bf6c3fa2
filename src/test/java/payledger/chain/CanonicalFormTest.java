package payledger.chain;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.dispute.DisputeEvent;
import payledger.dispute.Lifecycle;
import payledger.money.Money;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.order.Resolution;

/**
 * The canonical form and the hash chain against golden vectors computed independently (in Python,
 * see the file's comment): what an auditor's own implementation must reproduce.
 */
class CanonicalFormTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  /** The events the vectors describe, in order. */
  private static final List<Object> EVENTS = List.of(
      new OrderEvent.OrderRegistered("order-1", new Invoice("cust-1", "ada@example.com", "EUR",
          List.of(new Invoice.LineItem("SKU-MUG", "Mug", 2, 1250)), 495,
          List.of(new Invoice.Charge("VAT", 595)), List.of(new Invoice.Charge("WELCOME5", 500)),
          "card"), T0),
      new OrderEvent.PaymentRecorded("order-1", new PaymentEvent("evt-1", "stripe",
          PaymentEventType.SUCCEEDED, "order-1", "pi_evt-1", new Money(3090, "EUR"), "card",
          T0.plusSeconds(60), "cust-1", null), Instant.parse("2026-11-22T10:01:00.250Z")),
      new OrderEvent.DiscrepancyResolved("order-1", "D1", Resolution.WRITTEN_OFF, "agent-7",
          "café ☃ \"goodwill\"\n\ttab\u0001", Instant.parse("2026-11-22T10:02:00.000123Z")),
      new DisputeEvent.ActionTaken("PL-ABC-123", Lifecycle.Action.ACKNOWLEDGE, "agent-7", null,
          Instant.parse("2026-11-22T11:00:00Z")));

  private static JsonNode vectors() throws Exception {
    try (InputStream in = CanonicalFormTest.class.getResourceAsStream("/audit/golden-vectors.json")) {
      return new ObjectMapper().readTree(in).path("vectors");
    }
  }

  @Test
  void canonicalBytesAndHashesMatchTheGoldenVectors() throws Exception {
    JsonNode vectors = vectors();
    assertEquals(EVENTS.size(), vectors.size());
    for (int i = 0; i < EVENTS.size(); i++) {
      JsonNode v = vectors.get(i);
      Object event = EVENTS.get(i);
      assertEquals(v.path("type").asText(), Canonical.typeName(event));
      assertEquals(v.path("canonical").asText(),
          new String(Canonical.bytes(event), StandardCharsets.UTF_8), "canonical form of " + event);
      assertEquals(v.path("hash").asText(), HashChain.next(v.path("prevHash").asText(), event));
    }
  }

  @Test
  void chainedEventsLinkEachHashToTheNextAndStartAtGenesis() throws Exception {
    JsonNode vectors = vectors();
    ChainedEvent first = ChainedEvent.of(null, EVENTS.get(0));
    ChainedEvent second = ChainedEvent.of(first.hash(), EVENTS.get(1));
    ChainedEvent third = ChainedEvent.of(second.hash(), EVENTS.get(2));
    assertEquals(HashChain.GENESIS, first.prevHash());
    assertEquals(vectors.get(2).path("hash").asText(), third.hash());
    assertTrue(third.hashMatches());
    assertEquals(vectors.get(3).path("hash").asText(), ChainedEvent.of(null, EVENTS.get(3)).hash());
  }

  @Test
  void theCanonicalPayloadDecodesToTheSameEvent() {
    for (Object event : EVENTS) {
      ChainedEvent chained = ChainedEvent.of(null, event);
      Class<?> sealed = event instanceof OrderEvent ? OrderEvent.class : DisputeEvent.class;
      assertEquals(event, chained.decode(EventTypes.classOf(sealed, chained.type())));
    }
  }

  @Test
  void anyChangeToThePayloadOrTheLinkBreaksTheHash() {
    ChainedEvent chained = ChainedEvent.of(null, EVENTS.get(1));
    byte[] tampered = chained.payload().clone();
    int at = new String(tampered, StandardCharsets.UTF_8).indexOf("3090");
    tampered[at] = '4';
    assertFalse(new ChainedEvent(chained.type(), chained.prevHash(), chained.hash(), tampered)
        .hashMatches());
    assertFalse(new ChainedEvent(chained.type(), "1".repeat(64), chained.hash(), chained.payload())
        .hashMatches());
  }

  @Test
  void reCanonicalizingAParsedPayloadGivesTheSameBytes() {
    byte[] canonical = Canonical.bytes(EVENTS.get(2));
    assertArrayEquals(canonical, Canonical.bytes(Canonical.parse(canonical)));
    byte[] spaced = "{ \"b\" : 1, \"a\" : [true, null, \"x\"], \"c\": null }".getBytes(StandardCharsets.UTF_8);
    assertEquals("{\"a\":[true,null,\"x\"],\"b\":1}",
        new String(Canonical.bytes(Canonical.parse(spaced)), StandardCharsets.UTF_8));
  }

  @Test
  void floatingPointHasNoCanonicalForm() {
    assertThrows(IllegalArgumentException.class,
        () -> Canonical.bytes(Canonical.parse("{\"amount\":1.5}".getBytes(StandardCharsets.UTF_8))));
  }
}
