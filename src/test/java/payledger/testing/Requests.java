package payledger.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Valid request bodies, as the OMS and a gateway would send them; tests mutate copies. */
public final class Requests {

  private Requests() {}

  /** 2 × 12.50 + 4.95 shipping + 5.95 VAT − 5.00 discount = 30.90 EUR. */
  public static ObjectNode order(String orderId) {
    ObjectNode order = ApiClient.JSON.createObjectNode();
    order.put("orderId", orderId);
    order.put("customerId", "cust-42");
    order.put("customerEmail", "ada@example.com");
    order.put("currency", "EUR");
    ArrayNode items = order.putArray("items");
    items.addObject().put("sku", "SKU-MUG").put("description", "Mug").put("quantity", 2).put("unitPrice", 1250);
    order.put("shipping", 495);
    order.putArray("taxes").addObject().put("name", "VAT").put("amount", 595);
    order.putArray("discounts").addObject().put("name", "WELCOME5").put("amount", 500);
    order.put("expectedPaymentMethod", "card");
    return order;
  }

  public static final long DUE = 3090;

  public static ObjectNode payment(String eventId, String orderId, String type, long amount) {
    ObjectNode event = ApiClient.JSON.createObjectNode();
    event.put("eventId", eventId);
    event.put("gateway", "testpay");
    event.put("type", type);
    event.put("orderId", orderId);
    event.put("paymentId", "pi_" + eventId);
    event.putObject("amount").put("value", amount).put("currency", "EUR");
    event.put("method", "card");
    event.put("occurredAt", "2026-11-22T10:15:30Z");
    event.put("customerId", "cust-42");
    return event;
  }
}
