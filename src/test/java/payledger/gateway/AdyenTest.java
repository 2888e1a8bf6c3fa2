package payledger.gateway;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.GatewayFixtures.ADYEN_KEY;
import static payledger.testing.GatewayFixtures.adyen;
import static payledger.testing.GatewayFixtures.json;

import com.adyen.model.notification.NotificationRequestItem;
import com.adyen.notification.WebhookHandler;
import com.adyen.util.HMACValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;

/** Adyen HMAC (against adyen-java-api-library's HMACValidator) and the notification mapping. */
class AdyenTest {

  private final AdyenHmac hmac = new AdyenHmac(List.of(ADYEN_KEY));
  private final AdyenNotifications mapping = new AdyenNotifications(false, 100_000_000_000L);

  private static JsonNode item(String eventCode, String success) {
    String batch = adyen("o-1", List.<String[]>of(new String[] {eventCode, success, "8816178952380553", "3090", "8515161718192021"}), ADYEN_KEY);
    return AdyenNotifications.items(json(batch)).get(0);
  }

  private PaymentEvent event(JsonNode item) {
    return assertInstanceOf(Mapped.Event.class, mapping.map(item)).event();
  }

  @Test
  void anItemSignedByTheAdyenLibraryVerifies() {
    assertTrue(hmac.verify(item("AUTHORISATION", "true")));
  }

  @Test
  void theAdyenLibraryAgreesWithOurDataToSign() throws Exception {
    String batch = adyen("o-1", List.<String[]>of(new String[] {"CAPTURE", "true", "881", "3090", "882"}), ADYEN_KEY);
    NotificationRequestItem sdkItem = new WebhookHandler().handleNotificationJson(batch).getNotificationItems().get(0);
    assertEquals(new HMACValidator().getDataToSign(sdkItem), AdyenHmac.dataToSign(AdyenNotifications.items(json(batch)).get(0)));
    assertTrue(new HMACValidator().validateHMAC(sdkItem, ADYEN_KEY));
  }

  @Test
  void aTamperedItemOrAnotherKeyIsRefused() {
    ObjectNode tampered = (ObjectNode) item("AUTHORISATION", "true");
    ((ObjectNode) tampered.get("amount")).put("value", 1);
    assertFalse(hmac.verify(tampered));
    assertFalse(new AdyenHmac(List.of("00112233445566778899AABBCCDDEEFF")).verify(item("AUTHORISATION", "true")));
    ObjectNode unsigned = (ObjectNode) item("AUTHORISATION", "true");
    ((ObjectNode) unsigned.get("additionalData")).put("hmacSignature", "not base64 !!");
    assertFalse(hmac.verify(unsigned));
    ((ObjectNode) unsigned.get("additionalData")).remove("hmacSignature");
    assertFalse(hmac.verify(unsigned));
  }

  @Test
  void authorisationReservesAndCaptureTakesTheMoney() {
    PaymentEvent auth = event(item("AUTHORISATION", "true"));
    assertEquals(PaymentEventType.AUTHORIZED, auth.type());
    assertEquals("AUTHORISATION:8816178952380553:true", auth.eventId());
    assertEquals("o-1", auth.orderId());
    assertEquals("card", auth.method(), "visa is a card");
    PaymentEvent capture = event(item("CAPTURE", "true"));
    assertEquals(PaymentEventType.SUCCEEDED, capture.type());
    assertEquals("8515161718192021", capture.paymentId(), "modifications point at the original payment");
  }

  @Test
  void withImmediateCaptureAuthorisationIsThePayment() {
    AdyenNotifications immediate = new AdyenNotifications(true, 100_000_000_000L);
    assertEquals(PaymentEventType.SUCCEEDED,
        assertInstanceOf(Mapped.Event.class, immediate.map(item("AUTHORISATION", "true"))).event().type());
  }

  @Test
  void everyEventCodeMapsAsDocumented() {
    assertEquals(PaymentEventType.FAILED, event(item("AUTHORISATION", "false")).type());
    assertEquals(PaymentEventType.FAILED, event(item("CAPTURE_FAILED", "true")).type());
    assertEquals(PaymentEventType.REFUNDED, event(item("REFUND", "true")).type());
    assertEquals(PaymentEventType.NOTICE, event(item("REFUND", "false")).type());
    assertEquals(PaymentEventType.NOTICE, event(item("REFUND_FAILED", "true")).type());
    assertEquals(PaymentEventType.NOTICE, event(item("CANCELLATION", "true")).type());
    assertEquals(PaymentEventType.NOTICE, event(item("NOTIFICATION_OF_CHARGEBACK", "true")).type());
    assertEquals(PaymentEventType.CHARGEBACK, event(item("CHARGEBACK", "true")).type());
    assertEquals(PaymentEventType.CHARGEBACK, event(item("SECOND_CHARGEBACK", "true")).type());
    assertEquals(PaymentEventType.CHARGEBACK_REVERSED, event(item("CHARGEBACK_REVERSED", "true")).type());
    assertInstanceOf(Mapped.Ignored.class, mapping.map(item("REPORT_AVAILABLE", "true")));
  }

  @Test
  void theEventIdIsStableAcrossRetriesAndDistinguishesOutcomes() {
    assertEquals(event(item("CAPTURE", "true")), event(item("CAPTURE", "true")));
    assertNotEquals(event(item("CAPTURE", "true")).eventId(), event(item("CAPTURE", "false")).eventId());
  }
}
