package payledger.settlement;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settlement KPIs by day (the UTC day of each line), gateway, method and settlement currency:
 * a run tallies its lines ({@link #matched}, {@link #other}) into {@link Row}s, upserted per import
 * after its findings; {@link #summarize} adds the rows of a period up. Definitions as the run's
 * figures ({@link RunTally}): a ledger line (payment, refund, chargeback, reversal) is matched when
 * its ledger event was found at its amount; payments settled and matched count the payment lines
 * alone; fees are what the gateway kept, by gateway, method and currency (a batch's own fee lines
 * under the method {@code (fees)}).
 */
public final class SettlementKpis {

  /** One day's figures of one import for a gateway, method and settlement currency. */
  public record Row(String day, String gateway, String method, String currency, long lines,
      long matched, long payments, long paymentsMatched, long fees) {

    Row plus(Row o) {
      return new Row(day, gateway, method, currency, lines + o.lines, matched + o.matched,
          payments + o.payments, paymentsMatched + o.paymentsMatched, fees + o.fees);
    }
  }

  /** A period's figures: matched shares overall, by gateway and by gateway/method, and the fees. */
  public record Summary(LocalDate from, LocalDate to, RunTally.Share paymentsSettled,
      RunTally.Share ledgerLines, Map<String, RunTally.Share> byGateway,
      Map<String, RunTally.Share> byMethod, Map<String, Long> fees) {}

  private final Map<List<String>, Row> rows = new TreeMap<>((a, b) -> String.join("\u0000", a)
      .compareTo(String.join("\u0000", b)));

  /** A line matched against the ledger (matched or not). */
  public void matched(LineMatch m) {
    SettlementLine l = m.line();
    boolean payment = l.kind() == SettlementKind.PAYMENT;
    add(new Row(day(l), l.gateway(), m.method(), l.fee().currency(), 1, m.matched() ? 1 : 0,
        payment ? 1 : 0, payment && m.matched() ? 1 : 0, l.fee().value()));
  }

  /** A line the ledger has no event kind for: only a fee line counts (its fee is its debit). */
  public void other(SettlementLine l) {
    if (l.kind() == SettlementKind.FEE) {
      add(new Row(day(l), l.gateway(), "(fees)", l.net().currency(), 0, 0, 0, 0, -l.net().value()));
    }
  }

  public List<Row> rows() {
    return List.copyOf(rows.values());
  }

  private void add(Row r) {
    rows.merge(List.of(r.day(), r.gateway(), r.method(), r.currency()), r, Row::plus);
  }

  private static String day(SettlementLine l) {
    return LocalDate.ofInstant(l.occurredAt(), ZoneOffset.UTC).toString();
  }

  /** The period's figures from its days' rows (of every import). */
  public static Summary summarize(LocalDate from, LocalDate to, List<Row> rows) {
    RunTally.Share payments = new RunTally.Share(0, 0);
    RunTally.Share ledger = new RunTally.Share(0, 0);
    Map<String, RunTally.Share> byGateway = new TreeMap<>();
    Map<String, RunTally.Share> byMethod = new TreeMap<>();
    Map<String, Long> fees = new TreeMap<>();
    for (Row r : rows) {
      payments = add(payments, r.payments(), r.paymentsMatched());
      ledger = add(ledger, r.lines(), r.matched());
      if (r.lines() > 0) {
        byGateway.merge(r.gateway(), new RunTally.Share(r.lines(), r.matched()), SettlementKpis::sum);
        byMethod.merge(r.gateway() + "/" + r.method(), new RunTally.Share(r.lines(), r.matched()),
            SettlementKpis::sum);
      }
      fees.merge(r.gateway() + "/" + r.method() + "/" + r.currency(), r.fees(), Long::sum);
    }
    return new Summary(from, to, payments, ledger, byGateway, byMethod, fees);
  }

  /** The days of a period, first to last. */
  public static List<String> days(LocalDate from, LocalDate to) {
    List<String> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d.toString());
    }
    return days;
  }

  private static RunTally.Share add(RunTally.Share s, long lines, long matched) {
    return new RunTally.Share(s.lines() + lines, s.matched() + matched);
  }

  private static RunTally.Share sum(RunTally.Share a, RunTally.Share b) {
    return add(a, b.lines(), b.matched());
  }
}
