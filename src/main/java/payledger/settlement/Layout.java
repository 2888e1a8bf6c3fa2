package payledger.settlement;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** A settlement file's layout: the columns it needs, and how one of its records becomes a line. */
interface Layout {

  /** {@code stripe}, {@code adyen} or {@code generic}. */
  String name();

  /** The columns without which the layout cannot be read. */
  List<String> required();

  /** The record as a line; a record that breaks the layout throws {@link MalformedSettlement}. */
  SettlementLine read(Columns.Row row);

  /** Every layout, the gateways' own first. */
  static List<Layout> all() {
    return List.of(new StripeItemized(), new AdyenSettlementDetails(), new GenericSettlementCsv());
  }

  /** The layout whose columns the header has. */
  static Layout of(Columns header) {
    for (Layout layout : all()) {
      if (header.hasAll(layout.required())) {
        return layout;
      }
    }
    throw new MalformedSettlement(1, "the header is none of the known layouts (Stripe"
        + " payout_reconciliation.itemized, Adyen Settlement details, the generic CSV of docs/SETTLEMENTS.md)");
  }

  DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /**
   * "2026-11-03 14:05:00" in {@code zone}, or an ISO-8601 instant ("2026-11-03T14:05:00Z").
   */
  static Instant time(String text, ZoneId zone) {
    try {
      if (text.indexOf('T') > 0) {
        return Instant.parse(text);
      }
      return LocalDateTime.parse(text, SPACED).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a time (yyyy-MM-dd HH:mm:ss or ISO-8601): \"" + text + "\"");
    }
  }

  /** What a method code may not hold (compiled once: parsing calls it per line). */
  java.util.regex.Pattern NOT_IN_CODE = java.util.regex.Pattern.compile("[^a-z0-9_\\-]");

  /** A gateway's method name as the ledger's code (lower case, letters, digits, _ and -). */
  static String method(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String code = NOT_IN_CODE.matcher(raw.trim().toLowerCase(Locale.ROOT)).replaceAll("_");
    return code.length() > 32 ? code.substring(0, 32) : code;
  }
}
