package payledger.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import payledger.money.Money;

/**
 * The one reader of JSON fields, for the API's requests and the gateways' messages alike: each bad
 * field is named by its path ({@code amount.value}, {@code items[2].quantity}). Two ways to read:
 *
 * <ul>
 *   <li>a request to the API ({@link #root}): every bad field is collected, so one 400 names them
 *       all; getters return null or 0 for a bad field, so call {@link #validate()} before building
 *       domain objects from what was read. A blank string is a bad value.
 *   <li>a gateway's message ({@link #message}): the first bad field throws {@link Invalid}, as the
 *       message is refused whole; a blank string counts as absent (gateways send {@code ""} for none).
 * </ul>
 */
public final class JsonFields {

  /** Caller- and gateway-supplied ids (orders, gateway events, payments): safe in a URL path, a persistence id and a log line. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,31}");
  private static final int MAX_TEXT = 500;
  private static final String ID_RULE = "must be 1-128 letters, digits or . _ : - (starting with a letter or digit)";

  /** One bad field: its path in the body and what is wrong with it. */
  public record FieldError(String field, String message) {}

  /** The bad fields of a request or message; the HTTP edge answers it with a 400 problem. */
  public static final class Invalid extends RuntimeException {
    private final List<FieldError> errors;

    public Invalid(List<FieldError> errors) {
      super(errors.toString(), null, false, false);
      this.errors = List.copyOf(errors);
    }

    public Invalid(String field, String message) {
      this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
      return errors;
    }

    /** The first bad field's path. */
    public String field() {
      return errors.get(0).field();
    }
  }

  private final JsonNode node;
  private final String path;
  private final List<FieldError> errors;
  private final boolean message;

  private JsonFields(JsonNode node, String path, List<FieldError> errors, boolean message) {
    this.node = node;
    this.path = path;
    this.errors = errors;
    this.message = message;
  }

  /** A request body to the API: errors are collected (see the class comment). */
  public static JsonFields root(JsonNode body) {
    JsonFields fields = new JsonFields(body, "", new ArrayList<>(), false);
    if (!body.isObject()) {
      fields.errors.add(new FieldError("(body)", "must be a JSON object"));
    }
    return fields;
  }

  /** A gateway's message, or part of one at {@code path} (e.g. {@code "data."}): the first bad field throws. */
  public static JsonFields message(JsonNode node, String path) {
    return new JsonFields(node, path, new ArrayList<>(), true);
  }

  /** Throws {@link Invalid} when any field read so far was bad. */
  public void validate() {
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
  }

  /** False once any field of the whole request was bad: build nothing from the values then. */
  public boolean ok() {
    return errors.isEmpty();
  }

  public void error(String name, String problem) {
    errors.add(new FieldError(path(name), problem));
    if (message) {
      throw new Invalid(errors);
    }
  }

  /** Present and not null. */
  public boolean has(String name) {
    return !isAbsent(node.path(name));
  }

  public String text(String name) {
    return text(name, true);
  }

  public String optionalText(String name) {
    return text(name, false);
  }

  public String id(String name) {
    return matching(name, ID, true, ID_RULE);
  }

  public String optionalId(String name) {
    return matching(name, ID, false, ID_RULE);
  }

  public String email(String name) {
    return matching(name, EMAIL, true, "must be an email address");
  }

  /** A lower-case code such as a gateway name or a payment method ({@code card}, {@code sepa_debit}). */
  public String code(String name, boolean required) {
    String value = text(name, required);
    if (value == null) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    return check(name, CODE.matcher(lower).matches(), lower, "must be 1-32 letters, digits, _ or -");
  }

  public String currency(String name) {
    String value = Money.normalizeCurrency(text(name, true));
    if (value == null) {
      return null;
    }
    return check(name, Money.isCurrency(value), value, "must be an ISO 4217 currency code such as EUR");
  }

  public boolean bool(String name, boolean absent) {
    if (!has(name)) {
      return absent;
    }
    if (!node.path(name).isBoolean()) {
      error(name, "must be true or false");
      return absent;
    }
    return node.path(name).booleanValue();
  }

  public long integer(String name, long min, long max) {
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

  public long optionalInteger(String name, long min, long max, long absent) {
    return isAbsent(node.path(name)) ? absent : integer(name, min, max);
  }

  /** An ISO-8601 instant such as {@code 2026-11-22T10:15:30Z}. */
  public Instant instant(String name) {
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

  /** Unix seconds, as Stripe writes its times. */
  public Instant epochSeconds(String name) {
    return Instant.ofEpochSecond(integer(name, 0, 32503680000L));
  }

  public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
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

  /**
   * An amount in a document of one {@code currency} (an invoice): an amount object
   * {@code {"value": <minor units>, "currency": ...}} in that currency, or, as earlier clients send
   * it, the bare minor units. {@code absent} when the field is missing; null: it is required.
   */
  public long amountIn(String name, String currency, long min, long max, Long absent) {
    JsonNode value = node.path(name);
    if (isAbsent(value) && absent != null) {
      return absent;
    }
    if (!value.isObject()) {
      return integer(name, min, max);
    }
    Money amount = money(name, min, max);
    if (amount != null && currency != null && !amount.currency().equals(currency)) {
      error(name + ".currency", "must be the invoice's currency, " + currency);
    }
    return amount == null ? 0 : amount.value();
  }

  /** An amount object {@code {"value": <minor units>, "currency": "EUR"}}. */
  public Money money(String name, long min, long max) {
    JsonFields amount = object(name);
    long value = amount.integer("value", min, max);
    String currency = amount.currency("currency");
    return currency == null ? null : new Money(value, currency);
  }

  public JsonFields object(String name) {
    JsonNode value = node.path(name);
    if (!value.isObject()) {
      error(name, isAbsent(value) ? "is required" : "must be an object");
      return new JsonFields(MissingNode.getInstance(), path(name) + ".", new ArrayList<>(), message);
    }
    return new JsonFields(value, path(name) + ".", errors, message);
  }

  public List<JsonFields> array(String name, int minSize, int maxSize) {
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
        elements.add(new JsonFields(value.get(i), elementPath + ".", errors, message));
      } else {
        error(name + "[" + i + "]", "must be an object");
        elements.add(new JsonFields(MissingNode.getInstance(), elementPath + ".", new ArrayList<>(), message));
      }
    }
    return elements;
  }

  /** The first string of an array field, or null when the array is absent or empty. */
  public String firstText(String name) {
    JsonNode value = node.path(name);
    if (!has(name) || value.isEmpty()) {
      return null;
    }
    if (!value.isArray() || !value.get(0).isTextual()) {
      error(name, "must be an array of strings");
      return null;
    }
    return value.get(0).textValue();
  }

  /** True when the field is a non-empty array of objects. */
  public boolean hasObjects(String name) {
    JsonNode value = node.path(name);
    return value.isArray() && !value.isEmpty() && value.get(0).isObject();
  }

  /** The element of a non-empty array of objects with the largest integer {@code orderField}. */
  public JsonFields newest(String name, String orderField) {
    JsonNode array = node.path(name);
    int best = 0;
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isObject() || !array.get(i).path(orderField).canConvertToLong()) {
        error(name + "[" + i + "]." + orderField, "must be an integer in an object");
        return new JsonFields(MissingNode.getInstance(), path(name) + "[" + i + "].", new ArrayList<>(), message);
      }
      if (array.get(i).path(orderField).longValue() > array.get(best).path(orderField).longValue()) {
        best = i;
      }
    }
    return new JsonFields(array.path(best), path(name) + "[" + best + "].", errors, message);
  }

  private String text(String name, boolean required) {
    JsonNode value = node.path(name);
    if (isAbsent(value) || message && isBlankText(value)) {
      if (required) {
        error(name, "is required");
      }
      return null;
    }
    if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > MAX_TEXT) {
      error(name, message
          ? "must be a string of at most " + MAX_TEXT + " characters"
          : "must be a non-blank string of at most " + MAX_TEXT + " characters");
      return null;
    }
    return value.textValue().trim();
  }

  /** A gateway's blank string is an absent value, however long (but an over-long one is refused). */
  private static boolean isBlankText(JsonNode value) {
    return value.isTextual() && value.textValue().isBlank() && value.textValue().length() <= MAX_TEXT;
  }

  private String matching(String name, Pattern pattern, boolean required, String rule) {
    String value = text(name, required);
    return value == null ? null : check(name, pattern.matcher(value).matches(), value, rule);
  }

  private String check(String name, boolean ok, String value, String problem) {
    if (!ok) {
      error(name, problem);
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
