package payledger.order;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.chain.Canonical;
import payledger.money.Money;
import payledger.testing.TestConfigs;

/**
 * Payment events journaled (canonical JSON) and snapshotted or sent between nodes (Jackson CBOR)
 * before they carried a card and a risk assessment still read back, with both null, and hash as
 * they did.
 */
class PaymentEventCompatibilityTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  /** A PaymentRecorded payload exactly as the journal held it before the card and risk existed. */
  private static final String OLD_CANONICAL = "{\"event\":{\"orderId\":\"order-1\",\"payment\":{\"amount\":"
      + "{\"currency\":\"EUR\",\"value\":3090},\"customerId\":\"cust-1\",\"eventId\":\"evt-1\",\"gateway\":"
      + "\"stripe\",\"method\":\"card\",\"occurredAt\":\"2026-11-22T10:01:00Z\",\"orderId\":\"order-1\","
      + "\"paymentId\":\"pi_evt-1\",\"type\":\"SUCCEEDED\"},\"recordedAt\":\"2026-11-22T10:01:00.250Z\"},"
      + "\"type\":\"PaymentRecorded\"}";

  private static ActorTestKit testKit;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(TestConfigs.entityTestKit());
    serialization = SerializationExtension.get(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static PaymentEvent plain() {
    return new PaymentEvent("evt-1", "stripe", PaymentEventType.SUCCEEDED, "order-1", "pi_evt-1",
        new Money(3090, "EUR"), "card", T0.plusSeconds(60), "cust-1", null);
  }

  @Test
  void aJournaledPaymentWithoutCardOrRiskDecodesAndKeepsItsCanonicalBytes() {
    OrderEvent.PaymentRecorded decoded = Canonical.decode(
        OLD_CANONICAL.getBytes(StandardCharsets.UTF_8), OrderEvent.PaymentRecorded.class);
    assertEquals(plain(), decoded.payment());
    assertNull(decoded.payment().card());
    assertNull(decoded.payment().risk());
    assertEquals(OLD_CANONICAL, new String(Canonical.bytes(decoded), StandardCharsets.UTF_8),
        "same bytes, so the same hash as when it was journaled");
  }

  @Test
  void aCborPaymentWithoutCardOrRiskFieldsReadsBackWithBothNull() throws Exception {
    RecordedPayment recorded = new RecordedPayment(plain(), T0.plusSeconds(61));
    byte[] today = serialization.serialize(recorded).get();
    ObjectMapper cbor = new ObjectMapper(new CBORFactory());
    ObjectNode tree = (ObjectNode) cbor.readTree(today);
    ObjectNode event = (ObjectNode) tree.get("event");
    event.remove("card");
    event.remove("risk");
    assertFalse(event.has("card"));
    byte[] before = cbor.writeValueAsBytes(tree);

    var serializer = serialization.findSerializerFor(recorded);
    Object read = serialization.deserialize(before, serializer.identifier(),
        Serializers.manifestFor(serializer, recorded)).get();
    assertEquals(recorded, read);
  }

  @Test
  void aPaymentWithCardAndRiskRoundTripsThroughBothForms() {
    PaymentEvent full = new PaymentEvent("evt-2", "stripe", PaymentEventType.SUCCEEDED, "order-1", "ch_2",
        new Money(3090, "EUR"), "card", T0, null, null,
        new PaymentEvent.Card("visa", "4242", "Xt5EWLLDS7FJjR1c", "credit", "apple_pay"),
        new PaymentEvent.Risk(PaymentEvent.RiskLevel.ELEVATED, 65, "elevated"));
    OrderEvent.PaymentRecorded recorded = new OrderEvent.PaymentRecorded("order-1", full, T0);
    assertEquals(recorded, Canonical.decode(Canonical.bytes(recorded), OrderEvent.PaymentRecorded.class));
    byte[] cbor = serialization.serialize(full).get();
    assertEquals(full, serialization.deserialize(cbor, PaymentEvent.class).get());
  }
}
