package payledger.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Verifies the HMAC of one Adyen standard notification item: HMAC-SHA256, keyed with the hex-decoded
 * key, over {@code pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success}
 * (an absent field is the empty string), Base64, against {@code additionalData.hmacSignature}. Any
 * configured key may match (key rotation). Compared in constant time.
 */
final class AdyenHmac {

  private final List<byte[]> keys;

  public AdyenHmac(List<String> hexKeys) {
    this.keys = hexKeys.stream().map(Hmac::fromHex).filter(Objects::nonNull).toList();
    if (keys.size() != hexKeys.size()) {
      throw new IllegalArgumentException("payledger.gateways.adyen.hmac-keys: every key must be hex");
    }
  }

  public boolean configured() {
    return !keys.isEmpty();
  }

  public boolean verify(JsonNode item) {
    JsonNode given = item.path("additionalData").path("hmacSignature");
    if (!given.isTextual()) {
      return false;
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(given.textValue());
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    byte[] data = dataToSign(item).getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] key : keys) {
      match |= Hmac.equal(Hmac.sha256(key, data), signature);
    }
    return match;
  }

  static String dataToSign(JsonNode item) {
    JsonNode amount = item.path("amount");
    return String.join(
        ":",
        field(item, "pspReference"),
        field(item, "originalReference"),
        field(item, "merchantAccountCode"),
        field(item, "merchantReference"),
        field(amount, "value"),
        field(amount, "currency"),
        field(item, "eventCode"),
        field(item, "success"));
  }

  private static String field(JsonNode node, String name) {
    JsonNode value = node.path(name);
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }
}
