package payledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a primary account number (card number) anywhere in a JSON body, so it is refused before it
 * can reach a journal or a log. A PAN here is 13-19 digits, optionally grouped as cards are printed
 * (4-4-4-4[-3], 4-6-4/5, with spaces or dashes), passing Luhn, starting with 2-6 (the card schemes'
 * ranges). The first digit rule keeps gateway references such as Adyen's 16-digit PSP references
 * (which start with 8 or 9) and millisecond timestamps (1…) from being mistaken for cards; masked
 * numbers ({@code 4111 11** **** 1111}) have no such run and pass.
 */
final class CardData {

  private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[0-9](?:[ \\-]?[0-9]){12,18}(?![0-9])");
  private static final Pattern GROUPED = Pattern.compile(
      "[0-9]{13,19}|[0-9]{4}([ \\-])[0-9]{4}\\1[0-9]{4}\\1[0-9]{1,4}(\\1[0-9]{1,3})?|[0-9]{4}([ \\-])[0-9]{6}\\3[0-9]{4,5}");

  private CardData() {}

  /** The path of the first field holding a card number, if any (the number itself is never returned). */
  static Optional<String> find(JsonNode node) {
    return find(node, "");
  }

  private static Optional<String> find(JsonNode node, String path) {
    if (node.isTextual()) {
      return isPanIn(node.textValue()) ? Optional.of(path.isEmpty() ? "(body)" : path) : Optional.empty();
    }
    if (node.isIntegralNumber()) {
      return isPanIn(node.asText()) ? Optional.of(path) : Optional.empty();
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> found = find(node.get(i), path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (isPanIn(field.getKey())) {
          return Optional.of(path.isEmpty() ? "(field name)" : path);
        }
        Optional<String> found = find(field.getValue(), fieldPath);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  static boolean isPanIn(String text) {
    if (text.length() < 13) {
      return false;
    }
    Matcher m = CANDIDATE.matcher(text);
    while (m.find()) {
      String run = m.group();
      String digits = run.replaceAll("[ \\-]", "");
      if (digits.length() >= 13 && digits.length() <= 19
          && digits.charAt(0) >= '2' && digits.charAt(0) <= '6'
          && GROUPED.matcher(run).matches() && luhn(digits)) {
        return true;
      }
    }
    return false;
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
