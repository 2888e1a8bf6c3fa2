package payledger.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import payledger.json.JsonFields;
import payledger.money.Money;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;

/**
 * Maps Adyen standard notification items to ledger events. Pure: JSON in, {@link Mapped} out.
 *
 * <p>AUTHORISATION success reserves funds (AUTHORIZED) and CAPTURE takes them (SUCCEEDED), unless
 * {@code authorisation-is-capture} says the merchant captures immediately. Facts that move no money
 * (CANCELLATION, NOTIFICATION_OF_CHARGEBACK, a failed REFUND or REFUND_FAILED) are kept as NOTICE.
 * The event id is {@code eventCode:pspReference:success}, which Adyen repeats on every retry.
 */
public final class AdyenNotifications {

  public static final String GATEWAY = "adyen";

  /** Adyen names card schemes; the ledger (and invoices) speak of "card". */
  private static final Set<String> CARD_BRANDS =
      Set.of("visa", "mc", "amex", "maestro", "cartebancaire", "discover", "jcb", "diners", "cup", "bcmc", "card");

  private final boolean authorisationIsCapture;
  private final long maxAmount;

  public AdyenNotifications(boolean authorisationIsCapture, long maxAmount) {
    this.authorisationIsCapture = authorisationIsCapture;
    this.maxAmount = maxAmount;
  }

  /** The items of a notification batch, each the object inside {@code NotificationRequestItem}. */
  public static List<JsonNode> items(JsonNode body) {
    JsonNode list = body.path("notificationItems");
    if (!list.isArray() || list.isEmpty() || list.size() > 1000) {
      throw new JsonFields.Invalid("notificationItems", "must be an array of 1 to 1000 items");
    }
    List<JsonNode> items = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i).path("NotificationRequestItem");
      if (!item.isObject()) {
        throw new JsonFields.Invalid("notificationItems[" + i + "].NotificationRequestItem", "must be an object");
      }
      items.add(item);
    }
    return items;
  }

  public Mapped map(JsonNode item) {
    JsonFields p = JsonFields.message(item, "NotificationRequestItem.");
    String code = p.text("eventCode");
    boolean success = switch (p.text("success")) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new JsonFields.Invalid("NotificationRequestItem.success", "must be \"true\" or \"false\"");
    };
    PaymentEventType type = type(code, success);
    if (type == null) {
      return new Mapped.Ignored(code, "not a payment event payledger records");
    }
    String psp = p.id("pspReference");
    String original = p.optionalId("originalReference");
    boolean moves = type == PaymentEventType.SUCCEEDED || type == PaymentEventType.REFUNDED
        || type == PaymentEventType.CHARGEBACK || type == PaymentEventType.CHARGEBACK_REVERSED;
    Money amount = p.money("amount", moves ? 1 : 0, maxAmount);
    PaymentEvent event = new PaymentEvent(
        code + ":" + psp + ":" + success,
        GATEWAY,
        type,
        p.id("merchantReference"),
        original == null ? psp : original,
        amount,
        method(p.optionalText("paymentMethod")),
        eventDate(p.text("eventDate")),
        null,
        type == PaymentEventType.FAILED || type == PaymentEventType.NOTICE
            ? reason(p.optionalText("reason"), code) : null,
        PaymentDetails.adyenCard(item),
        PaymentDetails.adyenRisk(item));
    return new Mapped.Event(event, dispute(code, event, p.optionalText("reason")));
  }

  /**
   * Adyen's dispute codes about one payment reach one case: NOTIFICATION_OF_CHARGEBACK and
   * CHARGEBACK open it, CHARGEBACK_REVERSED is won, SECOND_CHARGEBACK is lost.
   */
  private static GatewayDispute dispute(String code, PaymentEvent event, String reason) {
    String outcome = switch (code) {
      case "CHARGEBACK_REVERSED" -> "WON";
      case "SECOND_CHARGEBACK" -> "LOST";
      case "NOTIFICATION_OF_CHARGEBACK", "CHARGEBACK" -> "";
      default -> null;
    };
    return outcome == null ? null : new GatewayDispute(GATEWAY, event.paymentId(), reason,
        event.amount(), null, outcome.isEmpty() ? null : outcome);
  }

  private PaymentEventType type(String code, boolean success) {
    return switch (code) {
      case "AUTHORISATION" -> !success ? PaymentEventType.FAILED
          : authorisationIsCapture ? PaymentEventType.SUCCEEDED : PaymentEventType.AUTHORIZED;
      case "CAPTURE" -> success ? PaymentEventType.SUCCEEDED : PaymentEventType.FAILED;
      case "CAPTURE_FAILED" -> PaymentEventType.FAILED;
      case "REFUND" -> success ? PaymentEventType.REFUNDED : PaymentEventType.NOTICE;
      case "REFUND_FAILED", "CANCELLATION", "NOTIFICATION_OF_CHARGEBACK" -> PaymentEventType.NOTICE;
      case "CHARGEBACK", "SECOND_CHARGEBACK" -> PaymentEventType.CHARGEBACK;
      case "CHARGEBACK_REVERSED" -> PaymentEventType.CHARGEBACK_REVERSED;
      default -> null;
    };
  }

  private static String method(String paymentMethod) {
    String code = PaymentMethod.code(paymentMethod);
    return CARD_BRANDS.contains(code) || code.startsWith("visa") || code.startsWith("mc_") ? "card" : code;
  }

  private static Instant eventDate(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new JsonFields.Invalid(
          "NotificationRequestItem.eventDate", "must be an ISO-8601 date-time with offset");
    }
  }

  private static String reason(String reason, String code) {
    String text = reason == null ? code : code + ": " + reason;
    return text.length() > 200 ? text.substring(0, 200) : text;
  }
}
