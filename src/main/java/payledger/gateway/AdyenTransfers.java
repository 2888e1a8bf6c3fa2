package payledger.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import payledger.json.JsonFields;
import payledger.vendor.PayoutEvent;

/**
 * Adyen for Platforms transfer webhooks ({@code balancePlatform.transfer.created/updated}): the
 * {@code HmacSignature} header is Base64 of HMAC-SHA256, keyed with the hex-decoded key (Adyen's
 * scheme, as for standard notifications), over the raw body; any configured key may match. A
 * transfer of category {@code bank} and direction {@code outgoing} is a payout to the account
 * holder's bank: {@code booked} is paid, {@code failed} / {@code returned} failed; other statuses
 * and other transfers are acknowledged and not recorded. The event id is
 * {@code transferId:status}, the same on every retry. The vendor is the transfer's account holder.
 */
final class AdyenTransfers {

  private final List<byte[]> keys;
  private final long maxAmount;

  AdyenTransfers(List<String> hexKeys, long maxAmount) {
    this.keys = hexKeys.stream().map(Hmac::fromHex).filter(Objects::nonNull).toList();
    if (keys.size() != hexKeys.size()) {
      throw new IllegalArgumentException("payledger.vendors.payout-gateways.adyen.hmac-keys: every key must be hex");
    }
    this.maxAmount = maxAmount;
  }

  /** Why the delivery is refused, or null when its HmacSignature verifies. */
  String refusal(Delivery delivery) {
    if (keys.isEmpty()) {
      return "no Adyen transfer webhook HMAC key is configured";
    }
    String header = delivery.header("HmacSignature").orElse(null);
    if (header == null) {
      return "the HmacSignature header is missing";
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(header.trim().getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException notBase64) {
      return "the HmacSignature header is not Base64";
    }
    boolean match = false;
    for (byte[] key : keys) {
      match |= Hmac.equal(Hmac.sha256(key, delivery.body()), given);
    }
    return match ? null : "the HmacSignature does not match the body";
  }

  PayoutMessage map(JsonNode body) {
    if (!body.isObject()) {
      throw new JsonFields.Invalid("(body)", "must be a JSON object");
    }
    JsonFields envelope = JsonFields.message(body, "");
    String type = envelope.text("type");
    JsonFields data = envelope.object("data");
    envelope.validate();
    String category = body.path("data").path("category").asText("");
    String direction = body.path("data").path("direction").asText("");
    if (!category.equals("bank") || !direction.equals("outgoing")) {
      return new PayoutMessage.Ignored(type, "not a payout to a bank account");
    }
    String status = data.text("status");
    PayoutEvent.Status mapped = switch (status == null ? "" : status) {
      case "booked" -> PayoutEvent.Status.PAID;
      case "failed", "returned" -> PayoutEvent.Status.FAILED;
      default -> null;
    };
    String transferId = data.id("id");
    String account = data.object("accountHolder").id("id");
    JsonFields amount = data.object("amount");
    String currency = amount.currency("currency");
    long value = amount.integer("value", 1, maxAmount);
    Instant at = data.instant("creationDate");
    data.validate();
    amount.validate();
    if (mapped == null) {
      return new PayoutMessage.Ignored(type, "transfer status " + status + " moves no payout yet");
    }
    return new PayoutMessage.Payout(null, account, new PayoutEvent(transferId + ":" + status,
        AdyenNotifications.GATEWAY, transferId, mapped, currency, value, at));
  }
}
