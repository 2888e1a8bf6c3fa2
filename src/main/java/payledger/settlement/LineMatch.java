package payledger.settlement;

import payledger.money.Money;

/**
 * How one settlement line matched the ledger: the ledger event it settles (null when none), and
 * what it settled: its fee, its net and, for a converted line, the rounding difference between the
 * charge converted at the file's rate and the settled gross (recorded, never flagged).
 */
public record LineMatch(SettlementLine line, LedgerPayment ledger, boolean matched, Money rounding) {

  /** The order the line belongs to, from the ledger or the file. */
  public String orderId() {
    return ledger != null ? ledger.orderId() : line.merchantReference();
  }

  /** The method, from the ledger or the file. */
  public String method() {
    String m = ledger != null && ledger.method() != null && !"unknown".equals(ledger.method())
        ? ledger.method() : line.method();
    return m == null ? "unknown" : m;
  }
}
