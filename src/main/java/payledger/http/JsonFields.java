package payledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import payledger.gateway.PaymentIngestion;
import payledger.http.Problem.FieldError;
import payledger.money.Money;

/**
 * Reads a JSON request field by field and collects every error with its path, so one 400 names all
 * the bad fields at once. Getters return null or 0 for a bad field; call {@link #validate()} before
 * building domain objects from what was read.
 */
final class JsonFields {

  /** Caller-supplied ids (orders, gateway events, payments): safe in a URL path and a log line. */
  static final Pattern ID = PaymentIngestion.ID;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,31}");
  private static final int MAX_TEXT = 500;

  /** Thrown by {@link #validate()}; the HTTP edge answers it with a 400 problem. */
  static final class Invalid extends RuntimeException {
    final List<FieldError> errors;

    Invalid(List<FieldError> errors) {
      super(errors.toString(), null, false, false);
      this.errors = List.copyOf(errors);
    }
  }

  private final JsonNode node;
  private final String path;
  private final List<FieldError> errors;

  private JsonFields(JsonNode node, String path, List<FieldError> errors) {
    this.node = node;
    this.path = path;
    this.errors = errors;
  }

  static JsonFields root(JsonNode body) {
    JsonFields fields = new JsonFields(body, "", new ArrayList<>());
    if (!body.isObject()) {
      fields.errors.add(new FieldError("(body)", "must be a JSON object"));
    }
    return fields;
  }

  /** Throws {@link Invalid} when any field read so far was bad. */
  void validate() {
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
  }

  /** False once any field of the whole request was bad: build nothing from the values then. */
  boolean ok() {
    return errors.isEmpty();
  }

  void error(String name, String message) {
    errors.add(new FieldError(path(name), message));
  }

  String text(String name) {
    return text(name, true);
  }

  String optionalText(String name) {
    return text(name, false);
  }

  String id(String name) {
    return matching(name, ID, true, "must be 1-128 letters, digits or . _ : - (starting with a letter or digit)");
  }

  String optionalId(String name) {
    return matching(name, ID, false, "must be 1-128 letters, digits or . _ : - (starting with a letter or digit)");
  }

  String email(String name) {
    return matching(name, EMAIL, true, "must be an email address");
  }

  /** A lower-case code such as a gateway name or a payment method ({@code card}, {@code sepa_debit}). */
  String code(String name, boolean required) {
    String value = text(name, required);
    if (value == null) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    return check(name, CODE.matcher(lower).matches(), lower, "must be 1-32 letters, digits, _ or -");
  }

  String currency(String name) {
    String value = Money.normalizeCurrency(text(name, true));
    if (value == null) {
      return null;
    }
    return check(name, Money.isCurrency(value), value, "must be an ISO 4217 currency code such as EUR");
  }

  long integer(String name, long min, long max) {
    JsonNode value = node.path(name);
    if (isAbsent(value)) {
      error(name, "is required");
      return 0;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()
        || value.longValue() < min || value.longValue() > max) {
      error(name, "must be an integer from " + min + " to " + max);
      return 0;
    }
    return value.longValue();
  }

  long optionalInteger(String name, long min, long max, long absent) {
    return isAbsent(node.path(name)) ? absent : integer(name, min, max);
  }

  Instant instant(String name) {
    String value = text(name, true);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      error(name, "must be an ISO-8601 instant such as 2026-11-22T10:15:30Z");
      return null;
    }
  }

  <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    String value = text(name, true);
    if (value == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    error(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
    return null;
  }

  /** An amount object {@code {"value": <minor units>, "currency": "EUR"}}. */
  Money money(String name, long min, long max) {
    JsonFields amount = object(name);
    long value = amount.integer("value", min, max);
    String currency = amount.currency("currency");
    return currency == null ? null : new Money(value, currency);
  }

  JsonFields object(String name) {
    JsonNode value = node.path(name);
    if (!value.isObject()) {
      error(name, isAbsent(value) ? "is required" : "must be an object");
      return new JsonFields(MissingNode.getInstance(), path(name) + ".", new ArrayList<>());
    }
    return new JsonFields(value, path(name) + ".", errors);
  }

  List<JsonFields> array(String name, int minSize, int maxSize) {
    JsonNode value = node.path(name);
    if (isAbsent(value) && minSize == 0) {
      return List.of();
    }
    if (!value.isArray() || value.size() < minSize || value.size() > maxSize) {
      error(name, "must be an array of " + minSize + " to " + maxSize + " objects");
      return List.of();
    }
    List<JsonFields> elements = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      String elementPath = path(name) + "[" + i + "]";
      if (value.get(i).isObject()) {
        elements.add(new JsonFields(value.get(i), elementPath + ".", errors));
      } else {
        errors.add(new FieldError(elementPath, "must be an object"));
        elements.add(new JsonFields(MissingNode.getInstance(), elementPath + ".", new ArrayList<>()));
      }
    }
    return elements;
  }

  private String text(String name, boolean required) {
    JsonNode value = node.path(name);
    if (isAbsent(value)) {
      if (required) {
        error(name, "is required");
      }
      return null;
    }
    if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > MAX_TEXT) {
      error(name, "must be a non-blank string of at most " + MAX_TEXT + " characters");
      return null;
    }
    return value.textValue().trim();
  }

  private String matching(String name, Pattern pattern, boolean required, String message) {
    String value = text(name, required);
    return value == null ? null : check(name, pattern.matcher(value).matches(), value, message);
  }

  private String check(String name, boolean ok, String value, String message) {
    if (!ok) {
      error(name, message);
      return null;
    }
    return value;
  }

  private static boolean isAbsent(JsonNode value) {
    return value.isMissingNode() || value.isNull();
  }

  private String path(String name) {
    return path + name;
  }
}
