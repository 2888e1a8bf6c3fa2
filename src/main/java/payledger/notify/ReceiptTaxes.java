package payledger.notify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import payledger.order.Invoice;
import payledger.order.Receipt;

/**
 * A receipt's taxes by rate, each with its net base and gross. Invoices carry each tax as a named
 * amount on top of net prices ("VAT 19%": 595), so: the taxable net is items + shipping − discounts;
 * one tax applies to all of it (its rate read from its name, or worked out); of several taxes, each
 * one's net is its amount at the rate its name states, and unknown when the name states none.
 */
public final class ReceiptTaxes {

  /**
   * @param percent the rate in percent, or null when unknown
   * @param net the amount taxed at this rate, or null when unknown
   * @param gross net + tax, or null when the net is unknown
   */
  public record Rate(String name, BigDecimal percent, Long net, long tax, Long gross) {}

  private static final Pattern PERCENT = Pattern.compile("(\\d{1,2}(?:[.,]\\d{1,3})?)\\s*%");

  private ReceiptTaxes() {}

  /** Items + shipping − discounts: what the taxes are on. */
  public static long net(Receipt r) {
    long net = r.shipping();
    for (Receipt.Line line : r.items()) {
      net = Math.addExact(net, line.total());
    }
    for (Invoice.Charge discount : r.discounts()) {
      net = Math.subtractExact(net, discount.amount());
    }
    return net;
  }

  public static List<Rate> of(Receipt r) {
    if (r.taxes().size() == 1) {
      Invoice.Charge tax = r.taxes().get(0);
      long net = net(r);
      BigDecimal stated = stated(tax.name());
      BigDecimal percent = stated != null ? stated : net <= 0 ? null
          : BigDecimal.valueOf(tax.amount()).multiply(BigDecimal.valueOf(100))
              .divide(BigDecimal.valueOf(net), 1, RoundingMode.HALF_EVEN);
      return List.of(new Rate(tax.name(), plain(percent), net, tax.amount(), net + tax.amount()));
    }
    return r.taxes().stream().map(tax -> {
      BigDecimal percent = stated(tax.name());
      if (percent == null || percent.signum() == 0) {
        return new Rate(tax.name(), percent, null, tax.amount(), null);
      }
      long net = BigDecimal.valueOf(tax.amount()).multiply(BigDecimal.valueOf(100))
          .divide(percent, 0, RoundingMode.HALF_EVEN).longValueExact();
      return new Rate(tax.name(), percent, net, tax.amount(), net + tax.amount());
    }).toList();
  }

  /** The rate a tax's name states ("VAT 19%", "MwSt. 7 %", "VAT 5,5%"), or null. */
  static BigDecimal stated(String name) {
    Matcher m = PERCENT.matcher(name == null ? "" : name);
    return m.find() ? plain(new BigDecimal(m.group(1).replace(',', '.'))) : null;
  }

  /** 20.0 as 20 (not 2E+1), 5.50 as 5.5. */
  private static BigDecimal plain(BigDecimal percent) {
    if (percent == null) {
      return null;
    }
    BigDecimal stripped = percent.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** Whether the tax's name already says its rate (else the receipt shows it beside the name). */
  static boolean namesRate(String name) {
    return stated(name) != null;
  }
}
