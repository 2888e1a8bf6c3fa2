package payledger.order;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.chain.Canonical;
import payledger.chain.HashChain;
import payledger.testing.TestConfigs;

/**
 * Invoices journaled (canonical JSON) and snapshotted or sent between nodes (Jackson CBOR) before
 * order lines carried a vendor still read back, with no vendor, and hash as they did.
 */
class LineItemVendorCompatibilityTest {

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

  /** The golden vector of an OrderRegistered, computed before lines had a vendor. */
  private static JsonNode goldenRegistration() throws Exception {
    try (InputStream in = getClass("/audit/golden-vectors.json")) {
      return new ObjectMapper().readTree(in).path("vectors").get(0);
    }
  }

  private static InputStream getClass(String resource) {
    return LineItemVendorCompatibilityTest.class.getResourceAsStream(resource);
  }

  @Test
  void aJournaledInvoiceWithoutVendorsDecodesAndKeepsItsCanonicalBytesAndHash() throws Exception {
    JsonNode golden = goldenRegistration();
    assertEquals("OrderRegistered", golden.path("type").asText());
    String canonical = golden.path("canonical").asText();
    OrderEvent.OrderRegistered decoded = Canonical.decode(
        canonical.getBytes(StandardCharsets.UTF_8), OrderEvent.OrderRegistered.class);
    assertNull(decoded.invoice().items().get(0).vendorId());
    assertEquals(canonical, new String(Canonical.bytes(decoded), StandardCharsets.UTF_8));
    assertEquals(golden.path("hash").asText(),
        HashChain.next(golden.path("prevHash").asText(), decoded));
  }

  @Test
  void aCborInvoiceWithoutVendorFieldsReadsBackWithNoVendor() throws Exception {
    Invoice invoice = new Invoice("cust-1", "ada@example.com", "EUR",
        List.of(new Invoice.LineItem("SKU-MUG", "Mug", 2, 1250)), 0, List.of(), List.of(), null);
    byte[] today = serialization.serialize(invoice).get();
    ObjectMapper cbor = new ObjectMapper(new CBORFactory());
    ObjectNode tree = (ObjectNode) cbor.readTree(today);
    ((ObjectNode) ((ArrayNode) tree.get("items")).get(0)).remove("vendorId");
    byte[] before = cbor.writeValueAsBytes(tree);
    var serializer = serialization.findSerializerFor(invoice);
    Object read = serialization.deserialize(before, serializer.identifier(),
        Serializers.manifestFor(serializer, invoice)).get();
    assertEquals(invoice, read);
  }

  @Test
  void aLineWithAVendorRoundTripsThroughBothForms() {
    Invoice invoice = new Invoice("cust-1", null, "EUR",
        List.of(new Invoice.LineItem("SKU-MUG", "Mug", 2, 1250, "vendor-7"),
            new Invoice.LineItem("SKU-TEA", null, 1, 500)), 0, List.of(), List.of(), null);
    OrderEvent.OrderRegistered registered = new OrderEvent.OrderRegistered("order-1", invoice,
        Instant.parse("2026-12-01T10:00:00Z"));
    assertEquals(registered,
        Canonical.decode(Canonical.bytes(registered), OrderEvent.OrderRegistered.class));
    assertTrue(new String(Canonical.bytes(registered), StandardCharsets.UTF_8)
        .contains("\"vendorId\":\"vendor-7\""));
    assertEquals(invoice, serialization.deserialize(serialization.serialize(invoice).get(),
        Invoice.class).get());
  }
}
