package payledger.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The request bodies of the simulations: an order (due 30.90 EUR), generic events, Stripe events. */
final class Payloads {

  static final long DUE = 3090;

  private Payloads() {}

  static String order(String orderId, String customerId) {
    return """
        {"orderId":"%s","customerId":"%s","customerEmail":"%s@example.com","currency":"EUR",
         "items":[{"sku":"SKU-MUG","description":"Mug","quantity":2,"unitPrice":1250}],
         "shipping":495,"taxes":[{"name":"VAT","amount":595}],
         "discounts":[{"name":"WELCOME5","amount":500}],"expectedPaymentMethod":"card"}
        """.formatted(orderId, customerId, customerId);
  }

  /** A generic normalized event (POST /v1/payment-events); a redelivery repeats it byte for byte. */
  static String event(String eventId, String orderId, String paymentId, String type, long amount,
      String occurredAt) {
    String failure = type.equals("FAILED") ? ",\"failureReason\":\"card_declined\"" : "";
    return """
        {"eventId":"%s","gateway":"testpay","type":"%s","orderId":"%s","paymentId":"%s",
         "amount":{"value":%d,"currency":"EUR"},"method":"card","occurredAt":"%s"%s}
        """.formatted(eventId, type, orderId, paymentId, amount, occurredAt, failure);
  }

  /** A batch of one clean capture for each of the orders {@code <prefix>-0 … <prefix>-(n-1)}. */
  static String captures(String prefix, int n, String occurredAt) {
    StringBuilder events = new StringBuilder("{\"events\":[");
    for (int i = 0; i < n; i++) {
      String orderId = prefix + "-" + i;
      events.append(i == 0 ? "" : ",").append(event(orderId + "-a", orderId, orderId + "-p1",
          "SUCCEEDED", DUE, occurredAt).strip());
    }
    return events.append("]}").toString();
  }

  /** A Stripe {@code payment_intent.succeeded} event for the order, as Stripe sends it (trimmed). */
  static String stripeSucceeded(String eventId, String orderId, String paymentIntent, long amount) {
    long now = Instant.now().getEpochSecond();
    return """
        {"id":"%s","object":"event","api_version":"2024-06-20","created":%d,"type":"payment_intent.succeeded",
         "data":{"object":{"id":"%s","object":"payment_intent","amount":%d,"amount_received":%d,
         "currency":"eur","metadata":{"order_id":"%s"},"payment_method_types":["card"],"status":"succeeded"}}}
        """.formatted(eventId, now, paymentIntent, amount, amount, orderId);
  }

  /** {@code Stripe-Signature}: {@code t=<unix>,v1=<hex HMAC-SHA256 of "t.body">}. */
  static String stripeSignature(String secret, String body) {
    long t = Instant.now().getEpochSecond();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + t + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
