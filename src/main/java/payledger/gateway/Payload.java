package payledger.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import payledger.money.Money;

/** Reads fields of a gateway's JSON, throwing {@link BadPayload} with the field's path when one is bad. */
final class Payload {

  private static final int MAX_TEXT = 500;

  private final JsonNode node;
  private final String path;

  Payload(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  Payload object(String name) {
    JsonNode value = node.path(name);
    if (!value.isObject()) {
      throw new BadPayload(path + name, "must be an object");
    }
    return new Payload(value, path + name + ".");
  }

  boolean has(String name) {
    JsonNode value = node.path(name);
    return !value.isMissingNode() && !value.isNull();
  }

  String text(String name) {
    String value = optionalText(name);
    if (value == null) {
      throw new BadPayload(path + name, "is required");
    }
    return value;
  }

  String optionalText(String name) {
    if (!has(name)) {
      return null;
    }
    JsonNode value = node.path(name);
    if (!value.isTextual() || value.textValue().length() > MAX_TEXT) {
      throw new BadPayload(path + name, "must be a string of at most " + MAX_TEXT + " characters");
    }
    return value.textValue().isBlank() ? null : value.textValue().trim();
  }

  String id(String name) {
    return checkId(name, text(name));
  }

  String optionalId(String name) {
    String value = optionalText(name);
    return value == null ? null : checkId(name, value);
  }

  boolean bool(String name, boolean absent) {
    if (!has(name)) {
      return absent;
    }
    if (!node.path(name).isBoolean()) {
      throw new BadPayload(path + name, "must be true or false");
    }
    return node.path(name).booleanValue();
  }

  /** The first string of an array field, or null when the array is absent or empty. */
  String firstText(String name) {
    JsonNode value = node.path(name);
    if (!has(name) || value.isEmpty()) {
      return null;
    }
    if (!value.isArray() || !value.get(0).isTextual()) {
      throw new BadPayload(path + name, "must be an array of strings");
    }
    return value.get(0).textValue();
  }

  /** True when the field is a non-empty array of objects. */
  boolean hasObjects(String name) {
    JsonNode value = node.path(name);
    return value.isArray() && !value.isEmpty() && value.get(0).isObject();
  }

  /** The element of an array of objects with the largest integer {@code orderField}. */
  Payload newest(String name, String orderField) {
    JsonNode array = node.path(name);
    int best = 0;
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isObject() || !array.get(i).path(orderField).canConvertToLong()) {
        throw new BadPayload(path + name + "[" + i + "]." + orderField, "must be an integer in an object");
      }
      if (array.get(i).path(orderField).longValue() > array.get(best).path(orderField).longValue()) {
        best = i;
      }
    }
    return new Payload(array.get(best), path + name + "[" + best + "].");
  }

  long integer(String name, long min, long max) {
    JsonNode value = node.path(name);
    if (!value.isIntegralNumber() || !value.canConvertToLong()
        || value.longValue() < min || value.longValue() > max) {
      throw new BadPayload(path + name, "must be an integer from " + min + " to " + max);
    }
    return value.longValue();
  }

  long optionalInteger(String name, long min, long max, long absent) {
    return has(name) ? integer(name, min, max) : absent;
  }

  Instant epochSeconds(String name) {
    return Instant.ofEpochSecond(integer(name, 0, 32503680000L));
  }

  Money money(String valueField, String currencyField, long min, long max) {
    long value = integer(valueField, min, max);
    String currency = text(currencyField).toUpperCase(Locale.ROOT);
    if (!Money.isCurrency(currency)) {
      throw new BadPayload(path + currencyField, "must be an ISO 4217 currency code");
    }
    return new Money(value, currency);
  }

  /** A payment method name as a ledger code: lower case, letters, digits, _ and - only. */
  static String method(String raw) {
    if (raw == null || raw.isBlank()) {
      return "unknown";
    }
    String code = raw.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_\\-]", "_");
    return code.length() > 32 ? code.substring(0, 32) : code;
  }

  private String checkId(String name, String value) {
    if (!PaymentIngestion.ID.matcher(value).matches()) {
      throw new BadPayload(path + name, "must be 1-128 letters, digits or . _ : -");
    }
    return value;
  }
}
