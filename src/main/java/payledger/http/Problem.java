package payledger.http;

import java.util.List;

/**
 * An RFC 9457 problem details body. {@code type} is a stable URN naming the kind of problem;
 * {@code errors} lists the offending fields of a request (JSON pointers without the leading slash,
 * e.g. {@code amount.value} or {@code items[2].quantity}).
 */
record Problem(
    String type, String title, int status, String detail, String instance, List<FieldError> errors) {

  record FieldError(String field, String message) {}

  static Problem of(int status, String slug, String title, String detail) {
    return new Problem("urn:payledger:problem:" + slug, title, status, detail, null, null);
  }

  static Problem invalid(List<FieldError> errors) {
    return new Problem(
        "urn:payledger:problem:invalid-request",
        "Invalid request",
        400,
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid",
        null,
        List.copyOf(errors));
  }
}
