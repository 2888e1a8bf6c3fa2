package payledger.vendor;

import java.time.Instant;
import java.util.Objects;
import payledger.serialization.CborSerializable;

/**
 * What the marketplace keeps of a vendor's sales, from {@code effectiveFrom} on: a percentage in
 * basis points (1/100 of a percent) of the vendor's part of the order, plus a fixed amount per
 * order line of the vendor, in minor units of {@code fixedCurrency} (orders in another currency
 * pay only the percentage). Never more than the vendor's part.
 * An order keeps the terms in effect when it settled, through every later refund or chargeback.
 */
public record CommissionTerms(Instant effectiveFrom, int basisPoints, long fixedPerLine,
    String fixedCurrency)
    implements CborSerializable {

  /** No commission (a vendor whose order settled before it had terms). */
  public static final CommissionTerms NONE = new CommissionTerms(Instant.EPOCH, 0, 0, null);

  public static final int MAX_BASIS_POINTS = 10_000;

  public CommissionTerms {
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    if (basisPoints < 0 || basisPoints > MAX_BASIS_POINTS || fixedPerLine < 0) {
      throw new IllegalArgumentException("basis points must be 0-10000 and the fixed amount non-negative");
    }
    if (fixedPerLine > 0 && fixedCurrency == null) {
      throw new IllegalArgumentException("a fixed amount needs its currency");
    }
  }

  /** The same rates from another date. */
  public boolean sameRates(CommissionTerms other) {
    return basisPoints == other.basisPoints && fixedPerLine == other.fixedPerLine
        && java.util.Objects.equals(fixedCurrency, other.fixedCurrency);
  }

  /**
   * The commission on the whole of a vendor's due for an order: its percentage (half away from
   * zero) plus the fixed amount per line, at most the due itself.
   */
  public long onDue(long vendorDue, int lines, String currency) {
    if (vendorDue <= 0) {
      return 0;
    }
    long fixed = currency.equals(fixedCurrency) ? Math.multiplyExact(fixedPerLine, (long) lines) : 0;
    long full = Math.addExact(Allocation.scale(vendorDue, basisPoints, MAX_BASIS_POINTS), fixed);
    return Math.min(full, vendorDue);
  }

  /**
   * The commission on {@code part}, what the vendor has of the order's net paid so far: the full
   * commission pro rata ({@code onDue × part / due}, half away from zero). It has the part's sign and
   * is never larger than the part, so the vendor's share {@code part − commission} is too.
   */
  public long on(long part, long vendorDue, int lines, String currency) {
    if (vendorDue <= 0 || part == 0) {
      return 0;
    }
    return Allocation.scale(part, onDue(vendorDue, lines, currency), vendorDue);
  }
}
