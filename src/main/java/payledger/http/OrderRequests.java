package payledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import payledger.order.Invoice;

/** Reads {@code POST /v1/orders} bodies into an order id and its {@link Invoice}. */
final class OrderRequests {

  record NewOrder(String orderId, Invoice invoice) {}

  private OrderRequests() {}

  static NewOrder parse(JsonNode body, HttpSettings limits) {
    JsonFields f = JsonFields.root(body);
    String orderId = f.id("orderId");
    String customerId = f.id("customerId");
    String email = f.email("customerEmail");
    String currency = f.currency("currency");
    List<Invoice.LineItem> items =
        f.array("items", 1, limits.maxLineItems()).stream()
            .map(item -> lineItem(item, limits))
            .toList();
    long shipping = f.optionalInteger("shipping", 0, limits.maxAmount(), 0);
    List<Invoice.Charge> taxes = charges(f, "taxes", limits);
    List<Invoice.Charge> discounts = charges(f, "discounts", limits);
    String method = f.code("expectedPaymentMethod", false);
    f.validate();

    Invoice invoice =
        new Invoice(customerId, email, currency, items, shipping, taxes, discounts, method);
    try {
      long total = invoice.total().value();
      if (total < 0) {
        f.error("discounts", "must not exceed the items, shipping and taxes");
      } else if (total > limits.maxAmount()) {
        f.error("items", "the invoice total exceeds " + limits.maxAmount());
      }
    } catch (ArithmeticException overflow) {
      f.error("items", "the invoice total exceeds " + limits.maxAmount());
    }
    f.validate();
    return new NewOrder(orderId, invoice);
  }

  private static Invoice.LineItem lineItem(JsonFields item, HttpSettings limits) {
    String sku = item.id("sku");
    String description = item.optionalText("description");
    long quantity = item.integer("quantity", 1, limits.maxQuantity());
    long unitPrice = item.integer("unitPrice", 0, limits.maxAmount());
    return !item.ok() ? null : new Invoice.LineItem(sku, description, quantity, unitPrice);
  }

  private static List<Invoice.Charge> charges(JsonFields f, String name, HttpSettings limits) {
    return f.array(name, 0, limits.maxLineItems()).stream()
        .map(
            charge -> {
              String label = charge.text("name");
              long amount = charge.integer("amount", 0, limits.maxAmount());
              return new Invoice.Charge(label, amount);
            })
        .toList();
  }
}
