package payledger.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import payledger.json.EnumNames;
import payledger.json.JsonFields;
import payledger.readmodel.PageToken;

/**
 * Reads a list or report query string: every bad or unknown parameter is collected, and
 * {@link #validate()} throws them all as one 400 problem (through {@link Problems}).
 */
final class QueryParams {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private final Map<String, String> params;
  private final List<JsonFields.FieldError> errors = new ArrayList<>();

  QueryParams(Map<String, String> params, Set<String> known) {
    this.params = params;
    params.keySet().stream().filter(p -> !known.contains(p)).sorted()
        .forEach(p -> error(p, "is not a parameter of this query; known: " + known.stream().sorted().toList()));
  }

  String text(String name) {
    String v = params.get(name);
    if (v != null && (v.isBlank() || v.length() > 200)) {
      error(name, "must be 1-200 characters");
      return null;
    }
    return v;
  }

  <E extends Enum<E>> String oneOf(String name, Class<E> type) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    Optional<E> constant = EnumNames.parse(type, v);
    if (constant.isEmpty()) {
      error(name, "must be one of " + List.of(type.getEnumConstants()));
    }
    return constant.map(Enum::name).orElse(null);
  }

  Boolean bool(String name) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    if (!v.equals("true") && !v.equals("false")) {
      error(name, "must be true or false");
      return null;
    }
    return Boolean.valueOf(v);
  }

  /** 1 to {@link #MAX_LIMIT}; a larger value is served as the maximum (the cap). */
  int limit() {
    String v = params.get("limit");
    if (v == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1) {
        return Math.min(n, MAX_LIMIT);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    error("limit", "must be a whole number from 1 (at most " + MAX_LIMIT + " are returned)");
    return DEFAULT_LIMIT;
  }

  PageToken pageToken() {
    String v = params.get("pageToken");
    if (v == null) {
      return null;
    }
    try {
      return PageToken.decode(v);
    } catch (PageToken.Invalid e) {
      error("pageToken", e.getMessage());
      return null;
    }
  }

  /** An ISO-8601 instant, or a date (the start of that UTC day; with {@code endOfDay} its end). */
  Instant instant(String name, boolean endOfDay) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    try {
      return v.length() == 10 ? (endOfDay
          ? LocalDate.parse(v).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
          : LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant()) : Instant.parse(v);
    } catch (DateTimeParseException e) {
      error(name, "must be an ISO-8601 instant (2026-11-22T10:00:00Z) or date (2026-11-22)");
      return null;
    }
  }

  LocalDate date(String name) {
    String v = params.get(name);
    if (v == null) {
      error(name, "is required (a date such as 2026-11-01)");
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      error(name, "must be a date such as 2026-11-01");
      return null;
    }
  }

  void error(String field, String message) {
    errors.add(new JsonFields.FieldError(field, message));
  }

  void validate() {
    if (!errors.isEmpty()) {
      throw new JsonFields.Invalid(errors);
    }
  }
}
