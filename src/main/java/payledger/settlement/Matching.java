package payledger.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import payledger.money.Money;
import payledger.order.PaymentEventType;

/**
 * The matching rules, pure: a settlement line against the ledger's events for its references.
 * <ul>
 *   <li>The line's kind names the ledger event it settles (PAYMENT: a succeeded payment, REFUND: a
 *       refund, CHARGEBACK / CHARGEBACK_REVERSAL: the chargeback and its reversal); with none, the
 *       line is UNKNOWN_SETTLEMENT.
 *   <li>The line's gross in the charge's currency must be the ledger's amount; a ledger event in
 *       the settlement currency is compared with the line's settled gross. Otherwise
 *       SETTLEMENT_AMOUNT_MISMATCH (a currency that is neither is one too).
 *   <li>A converted line (charge and settlement currencies differ) settles {@code gross × rate}:
 *       the difference to its settled gross (net + fee) up to one minor unit per whole rate unit is
 *       rounding, recorded on the match; beyond it, SETTLEMENT_AMOUNT_MISMATCH.
 *   <li>A payment's fee above the expectation for its gateway and method is FEE_ANOMALY.
 * </ul>
 */
public final class Matching {

  /** A line's match and what it found wrong. */
  public record Result(LineMatch match, List<Finding> findings) {}

  private final FeeExpectations fees;
  private final Deadlines deadlines;

  public Matching(FeeExpectations fees, Deadlines deadlines) {
    this.fees = fees;
    this.deadlines = deadlines;
  }

  /** When a finding found at {@code detectedAt} must be noticed and resolved. */
  public record Deadlines(java.time.Duration noticeWithin, java.time.Duration resolveWithin) {}

  public static PaymentEventType ledgerType(SettlementKind kind) {
    return switch (kind) {
      case PAYMENT -> PaymentEventType.SUCCEEDED;
      case REFUND -> PaymentEventType.REFUNDED;
      case CHARGEBACK -> PaymentEventType.CHARGEBACK;
      case CHARGEBACK_REVERSAL -> PaymentEventType.CHARGEBACK_REVERSED;
      default -> null;
    };
  }

  /** {@code candidates}: the ledger's events for the line's references, any type. */
  public Result match(String importId, SettlementLine line, List<LedgerPayment> candidates, Instant now) {
    PaymentEventType wanted = ledgerType(line.kind());
    List<Finding> findings = new ArrayList<>(1);
    List<LedgerPayment> ofType = candidates.stream().filter(c -> c.type() == wanted).toList();
    String ref = line.references().isEmpty() ? null : line.references().get(0);
    if (ofType.isEmpty()) {
      findings.add(finding(importId, FindingType.UNKNOWN_SETTLEMENT, line, ref, line.merchantReference(),
          line.method(), null, line.gross(), "no " + wanted + " in the ledger for " + line.references(), now));
      return new Result(new LineMatch(line, null, false, null), findings);
    }
    Money gross = abs(line.gross());
    Money settled = abs(line.net().plus(line.fee()));
    LedgerPayment best = ofType.stream().filter(c -> c.amount().equals(gross) || c.amount().equals(settled))
        .findFirst().orElse(ofType.get(0));
    Money rounding = null;
    boolean amountOk;
    if (best.amount().currency().equals(gross.currency())) {
      amountOk = best.amount().equals(gross);
      if (amountOk && line.converted()) {
        Optional<Money> r = rounding(best.amount(), line.exchangeRate(), settled);
        amountOk = r.isPresent();
        rounding = r.orElse(null);
      }
    } else {
      amountOk = best.amount().equals(settled);
    }
    if (!amountOk) {
      Money actual = best.amount().currency().equals(gross.currency()) ? gross : settled;
      findings.add(finding(importId, FindingType.SETTLEMENT_AMOUNT_MISMATCH, line, best.paymentId(),
          best.orderId(), best.method(), best.amount(), actual,
          line.converted() && best.amount().equals(gross)
              ? "the settled " + settled + " is not " + gross + " at the file's rate " + line.exchangeRate()
              : "the ledger's " + best.type().name().toLowerCase(Locale.ROOT) + " is " + best.amount()
                  + ", the file's " + actual, now));
    }
    LineMatch match = new LineMatch(line, best, amountOk, rounding);
    if (line.kind() == SettlementKind.PAYMENT) {
      long max = fees.maxFee(line.gateway(), match.method(), settled.value());
      if (max >= 0 && line.fee().value() > max) {
        findings.add(finding(importId, FindingType.FEE_ANOMALY, line, best.paymentId(), best.orderId(),
            match.method(), new Money(max, line.fee().currency()), line.fee(),
            "a fee of " + line.fee() + " on " + settled + " is above the expected " + max, now));
      }
    }
    return new Result(match, findings);
  }

  /**
   * The settled gross less the charge at the rate, when within rounding: one minor unit of the
   * settlement currency per started whole unit of the rate (a charge unit is worth that many).
   */
  static Optional<Money> rounding(Money charged, BigDecimal rate, Money settled) {
    if (rate == null) {
      return Optional.empty();
    }
    BigDecimal exact = BigDecimal.valueOf(charged.value()).multiply(rate)
        .multiply(BigDecimal.TEN.pow(exponent(settled.currency()) - exponent(charged.currency())));
    long expected = exact.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    long tolerance = Math.max(1, rate.setScale(0, RoundingMode.CEILING).longValueExact());
    long difference = settled.value() - expected;
    return Math.abs(difference) <= tolerance
        ? Optional.of(new Money(difference, settled.currency())) : Optional.empty();
  }

  private static int exponent(String currency) {
    return Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
  }

  /**
   * A payout batch: the nets of its lines sum to the payout's amount (a negative net);
   * {@code linesNet} is null when the lines are in several currencies (never a payout's total).
   */
  public Optional<Finding> payout(String importId, String gateway, String batch, Money linesNet,
      SettlementLine payoutLine, Instant now) {
    if (payoutLine == null) {
      return Optional.empty();
    }
    Money paid = new Money(-payoutLine.net().value(), payoutLine.net().currency());
    if (linesNet != null && paid.equals(linesNet)) {
      return Optional.empty();
    }
    return Optional.of(finding(importId, FindingType.PAYOUT_TOTAL_MISMATCH, payoutLine, null, null, null,
        linesNet, paid, linesNet == null ? "the lines of " + batch + " are in several currencies"
            : "the lines of " + batch + " sum to " + linesNet + ", the payout is " + paid, now));
  }

  /** A journaled payment no completed import settled within the configured days. */
  public Finding missing(LedgerPayment payment, int days, Instant now) {
    String id = "SETTLEMENT_MISSING:" + payment.eventKey();
    return new Finding(id, FindingType.SETTLEMENT_MISSING, payment.gateway(), null, 0, payment.paymentId(),
        payment.orderId(), payment.method(), payment.amount(), null,
        "journaled " + payment.journaledAt() + ", not settled within " + days + " days", now,
        now.plus(deadlines.noticeWithin()), now.plus(deadlines.resolveWithin()));
  }

  private Finding finding(String importId, FindingType type, SettlementLine line, String paymentId,
      String orderId, String method, Money expected, Money actual, String detail, Instant now) {
    String id = type + ":" + line.gateway() + "/" + line.batch() + ":" + (line.lineId() != null
        ? line.lineId() : importId + ":" + line.line());
    return new Finding(id, type, line.gateway(), line.batch(), line.line(), paymentId, orderId, method,
        expected, actual, detail, now, now.plus(deadlines.noticeWithin()), now.plus(deadlines.resolveWithin()));
  }

  private static Money abs(Money m) {
    return new Money(Math.abs(m.value()), m.currency());
  }
}
