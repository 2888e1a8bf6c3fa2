package payledger.testing;

import com.adyen.model.notification.NotificationRequestItem;
import com.adyen.notification.WebhookHandler;
import com.adyen.util.HMACValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.net.Webhook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Gateway payloads in their real shapes (files under {@code src/test/resources/gateway/}) and their
 * signatures, computed by the gateways' own SDKs (stripe-java, adyen-java-api-library): what the
 * service accepts is what Stripe and Adyen send.
 */
public final class GatewayFixtures {

  public static final String STRIPE_SECRET = "whsec_test_5f1c9a7e2b3d4c6e8f0a1b2c3d4e5f60";
  public static final String STRIPE_OLD_SECRET = "whsec_test_old_0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  public static final String ADYEN_KEY = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";

  /** Test overrides that configure these secrets. */
  public static final String CONFIG = """
      payledger.gateways.stripe.signing-secrets = "%s,%s"
      payledger.gateways.adyen.hmac-keys = "%s"
      payledger.gateways.generic.secrets.acme = "acme-secret"
      """.formatted(STRIPE_SECRET, STRIPE_OLD_SECRET, ADYEN_KEY);

  private GatewayFixtures() {}

  public static String resource(String path) {
    try (InputStream in = GatewayFixtures.class.getResourceAsStream("/gateway/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("fixture " + path, e);
    }
  }

  /** A Stripe event fixture with its order id (metadata.order_id) and event id replaced. */
  public static String stripe(String type, String orderId, String eventId) {
    ObjectNode event = (ObjectNode) json(resource("stripe/" + type + ".json").replace("{{orderId}}", orderId));
    if (eventId != null) {
      event.put("id", eventId);
    }
    return event.toString();
  }

  /** {@code t=<t>,v1=<hex>} as Stripe computes it (stripe-java's own HMAC helper). */
  public static String stripeSignature(String secret, long timestamp, String payload) {
    try {
      return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An Adyen notification batch of the given items (eventCode, success, pspReference, value) signed by the SDK. */
  public static String adyen(String orderId, List<String[]> items, String hexKey) {
    ObjectNode template = (ObjectNode) json(resource("adyen/notification.json").replace("{{orderId}}", orderId));
    JsonNode first = template.get("notificationItems").get(0);
    var list = template.putArray("notificationItems");
    for (String[] item : items) {
      ObjectNode copy = first.deepCopy();
      ObjectNode inner = (ObjectNode) copy.get("NotificationRequestItem");
      inner.put("eventCode", item[0]).put("success", item[1]).put("pspReference", item[2]);
      ((ObjectNode) inner.get("amount")).put("value", Long.parseLong(item[3]));
      if (item.length > 4) {
        inner.put("originalReference", item[4]);
      }
      list.add(copy);
    }
    return signAdyen(template.toString(), hexKey);
  }

  /** Fills every item's additionalData.hmacSignature with the SDK's HMACValidator. */
  public static String signAdyen(String batch, String hexKey) {
    try {
      List<NotificationRequestItem> parsed = new WebhookHandler().handleNotificationJson(batch).getNotificationItems();
      ObjectNode tree = (ObjectNode) json(batch);
      for (int i = 0; i < parsed.size(); i++) {
        String hmac = new HMACValidator().calculateHMAC(parsed.get(i), hexKey);
        ((ObjectNode) tree.get("notificationItems").get(i).get("NotificationRequestItem").get("additionalData"))
            .put("hmacSignature", hmac);
      }
      return tree.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(String text) {
    try {
      return ApiClient.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
