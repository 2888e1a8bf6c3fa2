package payledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a primary account number (card number) anywhere in a JSON body or a URL, so it is refused
 * before it can reach a journal, a log or an error message. Text is normalised first, because a
 * number pasted from a form or typed to slip past a check is still a card number: any Unicode decimal
 * digits count, and digits may be separated by up to {@value #MAX_SEPARATORS} separators (spaces of
 * any kind, tabs, line breaks, dashes, dots, commas, slashes, underscores, invisible format characters)
 * in any grouping. A run of such groups holds a card number when the groups it is made of (all, or
 * any consecutive ones) spell 13-19 digits passing Luhn with a card scheme's prefix.
 *
 * <p>Not cards: a colon separates nothing (so a date and time stay apart), a run glued to a {@code +}
 * is a phone number, masked numbers ({@code 4111 11** **** 1111}) have no such run, a valid IBAN is
 * an IBAN, and the prefixes exclude gateway references such as Adyen's 16-digit PSP references
 * (8 or 9) and millisecond timestamps (13 digits from 1).
 */
final class CardData {

  private static final int MAX_SEPARATORS = 4;

  private CardData() {}

  /** The path of the first field holding a card number, if any (the number itself is never returned). */
  static Optional<String> find(JsonNode node) {
    return find(node, "");
  }

  private static Optional<String> find(JsonNode node, String path) {
    if (node.isTextual()) {
      return isPanIn(node.textValue()) ? Optional.of(path.isEmpty() ? "(body)" : path) : Optional.empty();
    }
    if (node.isNumber()) {
      return isPanIn(wholeDigits(node)) ? Optional.of(path.isEmpty() ? "(body)" : path) : Optional.empty();
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
        if (isPanIn(field.getKey())) {
          return Optional.of(path.isEmpty() ? "(field name)" : path);
        }
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        Optional<String> found = find(field.getValue(), fieldPath);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** A number's digits when it is a positive whole number (also written 4111….0), else "". */
  private static String wholeDigits(JsonNode number) {
    if (number.isIntegralNumber()) {
      return number.asText();
    }
    if (!Double.isFinite(number.doubleValue())) {
      return "";
    }
    BigDecimal value = number.decimalValue().stripTrailingZeros();
    return value.signum() > 0 && value.scale() <= 0 && value.precision() - value.scale() <= 19
        ? value.toBigInteger().toString() : "";
  }

  static boolean isPanIn(String text) {
    int length = text.length();
    int i = 0;
    while (i < length) {
      int cp = text.codePointAt(i);
      if (!Character.isDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      // A run of digit groups starts here; read it to its end.
      int start = i;
      List<String> groups = new ArrayList<>();
      StringBuilder group = new StringBuilder();
      int end = i;
      while (i < length) {
        cp = text.codePointAt(i);
        if (Character.isDigit(cp)) {
          group.append((char) ('0' + Character.digit(cp, 10)));
          i += Character.charCount(cp);
          end = i;
          continue;
        }
        int gap = i;
        int separators = 0;
        while (gap < length && isSeparator(text.codePointAt(gap)) && separators < MAX_SEPARATORS + 1) {
          gap += Character.charCount(text.codePointAt(gap));
          separators++;
        }
        if (separators == 0 || separators > MAX_SEPARATORS || gap >= length
            || !Character.isDigit(text.codePointAt(gap))) {
          break;
        }
        groups.add(group.toString());
        group.setLength(0);
        i = gap;
      }
      groups.add(group.toString());
      i = Math.max(end, start + 1);
      boolean phone = start > 0 && text.charAt(start - 1) == '+';
      if (!phone && !isIban(text, start, groups) && holdsPan(groups)) {
        return true;
      }
    }
    return false;
  }

  /** All the groups, or any consecutive ones, spelling a card number. */
  private static boolean holdsPan(List<String> groups) {
    for (int from = 0; from < groups.size(); from++) {
      StringBuilder digits = new StringBuilder();
      for (int to = from; to < groups.size() && digits.length() + groups.get(to).length() <= 19; to++) {
        digits.append(groups.get(to));
        if (digits.length() >= 13 && isPan(digits.toString())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The schemes' number ranges and lengths (ISO/IEC 7812 prefixes as the schemes publish them):
   * Mir and BORICA 2200-2205, Mastercard 2221-2720 and 51-55, Diners 30/36/38/39, Amex 34/37, JCB
   * and RuPay 3528-3589, Visa and Elo 4 (13, 16 or 19 digits), Maestro, Dankort, Verve 50/56-59,
   * Discover, UnionPay, Maestro and RuPay 6, UATP 1 (15 digits), UnionPay 81 and Troy 9792. A run
   * outside them (a 17-digit number from 4, a number from 31) is an id, not a card.
   */
  private static final List<Scheme> SCHEMES = List.of(
      new Scheme(1, 1, 15, 15), new Scheme(2200, 2205, 16, 19), new Scheme(2221, 2720, 16, 16),
      new Scheme(30, 30, 14, 19), new Scheme(36, 36, 14, 19), new Scheme(38, 39, 14, 19),
      new Scheme(34, 34, 15, 15), new Scheme(37, 37, 15, 15), new Scheme(3528, 3589, 16, 19),
      new Scheme(4, 4, 13, 13), new Scheme(4, 4, 16, 16), new Scheme(4, 4, 19, 19),
      new Scheme(51, 55, 16, 16), new Scheme(50, 50, 12, 19), new Scheme(56, 59, 12, 19),
      new Scheme(6, 6, 12, 19), new Scheme(81, 81, 16, 19), new Scheme(9792, 9792, 16, 16));

  /** Numbers of {@code minLength}-{@code maxLength} digits whose first digits lie in from-to. */
  private record Scheme(int from, int to, int minLength, int maxLength) {
    boolean holds(String digits) {
      int n = digits.length();
      int width = String.valueOf(from).length();
      int prefix = Integer.parseInt(digits.substring(0, width));
      return n >= minLength && n <= maxLength && prefix >= from && prefix <= to;
    }
  }

  private static boolean isPan(String digits) {
    return SCHEMES.stream().anyMatch(scheme -> scheme.holds(digits)) && luhn(digits);
  }

  private static boolean isSeparator(int cp) {
    int type = Character.getType(cp);
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp)
        || type == Character.DASH_PUNCTUATION || type == Character.FORMAT
        || cp == '.' || cp == ',' || cp == '/' || cp == '\\' || cp == '_' || cp == '\u2212'
        || cp == '\u00b7' || cp == '\u2022';
  }

  /**
   * An IBAN whose account part is all digits (DE, FR, IT…: {@code DE89 3704 0044 0532 0130 00}):
   * two letters right before the run, and the ISO 13616 check (mod 97) holds.
   */
  private static boolean isIban(String text, int start, List<String> groups) {
    if (start < 2 || !isUpperAscii(text.charAt(start - 1)) || !isUpperAscii(text.charAt(start - 2))) {
      return false;
    }
    String digits = String.join("", groups);
    if (digits.length() < 12 || digits.length() > 32) {
      return false;
    }
    String rearranged = digits.substring(2) + (text.charAt(start - 2) - 'A' + 10)
        + (text.charAt(start - 1) - 'A' + 10) + digits.substring(0, 2);
    int remainder = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      remainder = (remainder * 10 + rearranged.charAt(i) - '0') % 97;
    }
    return remainder == 1;
  }

  private static boolean isUpperAscii(char c) {
    return c >= 'A' && c <= 'Z';
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
