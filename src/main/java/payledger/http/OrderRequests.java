package payledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import payledger.json.JsonFields;
import payledger.money.Money;
import payledger.notify.Channel;
import payledger.order.Adjustment;
import payledger.order.Invoice;
import payledger.order.Resolution;

/** Reads the bodies of the order routes: registration, adjustments, resolutions, links. */
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
            .map(item -> lineItem(item, currency, limits))
            .toList();
    long shipping = f.amountIn("shipping", currency, 0, limits.maxAmount(), 0L);
    List<Invoice.Charge> taxes = charges(f, "taxes", currency, limits);
    List<Invoice.Charge> discounts = charges(f, "discounts", currency, limits);
    String method = f.code("expectedPaymentMethod", false);
    String locale = f.optionalText("locale");
    if (locale != null && !locale.matches("[a-z]{2}(-[A-Z]{2})?")) {
      f.error("locale", "must be a language tag such as en or de-AT");
    }
    List<String> channels = channels(body.path("notificationChannels"), f);
    String phone = f.optionalText("customerPhone");
    if (phone != null && !Invoice.PHONE.matcher(phone).matches()) {
      f.error("customerPhone", "must be a phone number in E.164 such as +4915112345678");
      phone = null;
    } else if (phone == null && channels.stream().anyMatch(c -> Channel.parse(c).orElse(null) == Channel.SMS)) {
      f.error("customerPhone", "is required when notificationChannels names sms");
    }
    f.validate();

    Invoice invoice = new Invoice(customerId, email, currency, items, shipping, taxes, discounts,
        method, locale, channels, phone);
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

  /** The customer's notification channels in order of preference: email, webhook, in_app, sms. */
  private static List<String> channels(JsonNode value, JsonFields f) {
    if (value.isMissingNode() || value.isNull()) {
      return List.of();
    }
    List<String> channels = new java.util.ArrayList<>();
    if (value.isArray() && value.size() <= Channel.values().length) {
      for (JsonNode channel : value) {
        if (channel.isTextual() && Channel.parse(channel.textValue()).isPresent()
            && !channels.contains(channel.textValue())) {
          channels.add(channel.textValue());
          continue;
        }
        channels = null;
        break;
      }
    } else {
      channels = null;
    }
    if (channels == null) {
      f.error("notificationChannels",
          "must be an array of distinct channels: email, webhook, in_app, sms");
      return List.of();
    }
    return channels;
  }

  private static Invoice.LineItem lineItem(JsonFields item, String currency, HttpSettings limits) {
    String sku = item.id("sku");
    String description = item.optionalText("description");
    long quantity = item.integer("quantity", 1, limits.maxQuantity());
    long unitPrice = item.amountIn("unitPrice", currency, 0, limits.maxAmount(), null);
    String vendorId = item.optionalId("vendorId");
    return !item.ok() ? null : new Invoice.LineItem(sku, description, quantity, unitPrice, vendorId);
  }

  private static List<Invoice.Charge> charges(
      JsonFields f, String name, String currency, HttpSettings limits) {
    return f.array(name, 0, limits.maxLineItems()).stream()
        .map(
            charge -> {
              String label = charge.text("name");
              long amount = charge.amountIn("amount", currency, 0, limits.maxAmount(), null);
              return new Invoice.Charge(label, amount);
            })
        .toList();
  }

  record Resolve(Resolution resolution, String actor, String note) {}

  record Link(String gateway, String paymentId, String actor) {}

  /** {@code {adjustmentId, amount: {value (signed, non-zero), currency}, reason, actor}}. */
  static Adjustment adjustment(JsonNode body, HttpSettings limits) {
    JsonFields f = JsonFields.root(body);
    String adjustmentId = f.id("adjustmentId");
    Money amount = f.money("amount", -limits.maxAmount(), limits.maxAmount());
    String reason = f.text("reason");
    String actor = f.text("actor");
    if (amount != null && amount.value() == 0) {
      f.error("amount.value", "must not be zero");
    }
    f.validate();
    return new Adjustment(adjustmentId, amount, reason, actor, null);
  }

  /** {@code {resolution, note, actor}}: who settled it, how, and why. */
  static Resolve resolution(JsonNode body) {
    JsonFields f = JsonFields.root(body);
    Resolution resolution = f.enumValue("resolution", Resolution.class);
    String note = f.text("note");
    String actor = f.text("actor");
    if (resolution == Resolution.AUTO_MATCHED) {
      f.error("resolution", "AUTO_MATCHED is for the ledger itself; choose a manual resolution");
    }
    f.validate();
    return new Resolve(resolution, actor, note);
  }

  /** {@code {gateway, paymentId, actor}}: a payment reported without an order reference. */
  static Link link(JsonNode body) {
    JsonFields f = JsonFields.root(body);
    String gateway = f.code("gateway", true);
    String paymentId = f.id("paymentId");
    String actor = f.text("actor");
    f.validate();
    return new Link(gateway, paymentId, actor);
  }
}
