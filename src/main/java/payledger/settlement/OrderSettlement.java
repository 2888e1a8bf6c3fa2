package payledger.settlement;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import payledger.money.Money;

/**
 * What the gateways settled for one order, from the lines that matched its ledger events: each
 * line's gross (in the charge's currency), fee and net (in the settlement currency), and the
 * order's net revenue after fees per settlement currency. Pure: {@link #of} sums the lines.
 *
 * @param totals per settlement currency: the settled gross (net + fee), the fees and the net
 * @param charged per charge currency: the gross the lines settled, as the ledger journaled it
 */
public record OrderSettlement(String orderId, List<Line> lines, Map<String, Totals> totals,
    Map<String, Long> charged) {

  /**
   * One settled line of the order.
   *
   * @param matched false when the line's amount did not match its ledger event (a finding)
   */
  public record Line(String importId, long line, String gateway, String batch, String kind,
      String paymentId, String method, Money gross, Money fee, Money net, boolean matched,
      java.time.Instant occurredAt) {}

  /** Minor units of one settlement currency; {@code net = gross − fees}. */
  public record Totals(long gross, long fees, long net) {
    Totals plus(Line l) {
      return new Totals(gross + l.net().value() + l.fee().value(), fees + l.fee().value(),
          net + l.net().value());
    }
  }

  public static OrderSettlement of(String orderId, List<Line> lines) {
    Map<String, Totals> totals = new TreeMap<>();
    Map<String, Long> charged = new TreeMap<>();
    for (Line l : lines) {
      totals.merge(l.net().currency(), new Totals(0, 0, 0).plus(l), (a, b) ->
          new Totals(a.gross() + b.gross(), a.fees() + b.fees(), a.net() + b.net()));
      charged.merge(l.gross().currency(), l.gross().value(), Long::sum);
    }
    return new OrderSettlement(orderId, List.copyOf(lines), totals, charged);
  }

  /** The order's line for a match of one of its ledger events. */
  static Line line(String importId, LineMatch m) {
    SettlementLine l = m.line();
    return new Line(importId, l.line(), l.gateway(), l.batch(), l.kind().name(),
        m.ledger().paymentId(), m.method(), l.gross(), l.fee(), l.net(), m.matched(), l.occurredAt());
  }
}
