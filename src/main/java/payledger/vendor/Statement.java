package payledger.vendor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A vendor's statement for one currency and period {@code [from, to)}: the balance owed to the
 * vendor at {@code from}, every movement in the period in journal order (each sale with its
 * commission, refunds, chargebacks and their reversals, payouts) with the running balance, the
 * totals by kind, and the balance at {@code to}. It adds up: {@code closing = opening + Σ net}.
 *
 * @param totals by kind: gross, commission and net summed over the period's movements
 */
public record Statement(String vendorId, String currency, Instant from, Instant to, long opening,
    List<Line> lines, Map<Movement.Kind, Total> totals, long closing) {

  /** @param balance the balance owed to the vendor after this movement */
  public record Line(Instant at, Movement.Kind kind, String reference, long gross, long commission,
      long net, Instant availableAt, long balance) {}

  public record Total(long gross, long commission, long net) {

    Total plus(Movement m) {
      return new Total(gross + m.gross(), commission + m.commission(), net + m.net());
    }
  }

  public static Statement of(VendorState vendor, String currency, Instant from, Instant to) {
    long opening = 0;
    for (Movement m : vendor.movements()) {
      if (m.currency().equals(currency) && m.at().isBefore(from)) {
        opening += m.net();
      }
    }
    List<Line> lines = new ArrayList<>();
    Map<Movement.Kind, Total> totals = new EnumMap<>(Movement.Kind.class);
    long balance = opening;
    for (Movement m : vendor.movements()) {
      if (!m.currency().equals(currency) || m.at().isBefore(from) || !m.at().isBefore(to)) {
        continue;
      }
      balance += m.net();
      lines.add(new Line(m.at(), m.kind(), m.orderId(), m.gross(), m.commission(), m.net(),
          m.kind().isPayout() ? null : m.availableAt(), balance));
      totals.put(m.kind(), totals.getOrDefault(m.kind(), new Total(0, 0, 0)).plus(m));
    }
    return new Statement(vendor.vendorId(), currency, from, to, opening, lines, totals, balance);
  }

  /** The statement as CSV: a header, one row per movement, then opening and closing rows. */
  public String csv() {
    StringBuilder out = new StringBuilder(
        "at,kind,reference,currency,gross,commission,net,available_at,balance\r\n");
    out.append(from).append(",OPENING,,").append(currency).append(",,,,,").append(opening).append("\r\n");
    for (Line l : lines) {
      out.append(l.at()).append(',').append(l.kind()).append(',').append(field(l.reference()))
          .append(',').append(currency).append(',').append(l.gross()).append(',')
          .append(l.commission()).append(',').append(l.net()).append(',')
          .append(l.availableAt() == null ? "" : l.availableAt()).append(',').append(l.balance())
          .append("\r\n");
    }
    out.append(to).append(",CLOSING,,").append(currency).append(",,,,,").append(closing).append("\r\n");
    return out.toString();
  }

  /** RFC 4180 quoting, and no formula injection in a spreadsheet. */
  private static String field(String value) {
    if (value == null) {
      return "";
    }
    String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
    return safe.matches(".*[\",\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }
}
