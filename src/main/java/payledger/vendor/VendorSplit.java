package payledger.vendor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import payledger.order.Invoice;

/**
 * Who gets what of an order's money, free of actors and I/O (docs/VENDORS.md, "The split").
 *
 * <ol>
 *   <li><b>Attribution.</b> Each party of the order (each vendor, and the marketplace for lines
 *       without a vendor) has its lines' totals; the shipping, the taxes and the discounts are
 *       attributed to the parties pro rata to those line totals, each by the largest remainder, so
 *       the parts of each sum exactly to it. A party's due is its lines + shipping + taxes −
 *       discounts; the dues sum to the invoice total.
 *   <li><b>Allocation.</b> The order's net paid (whatever it is: due, more, or less after refunds and
 *       chargebacks) is allocated pro rata to the parties' dues by the largest remainder: the parts
 *       sum to the net paid exactly, and a fully paid order gives each party exactly its due (when
 *       no party's discounts exceed its lines, which would make its due negative: it then counts 0).
 *   <li><b>Commission.</b> Each vendor's part is split into its share and the marketplace's
 *       commission ({@link CommissionTerms#on}).
 * </ol>
 *
 * So, for every order: Σ vendor shares + Σ commissions + the marketplace's own lines' part = net
 * paid, to the minor unit.
 */
public final class VendorSplit {

  private VendorSplit() {}

  /**
   * A party's attributed part of the invoice.
   *
   * @param vendorId null for the marketplace's own lines
   * @param lineCount how many invoice lines it has (for a fixed commission per line)
   */
  public record Attribution(String vendorId, long lines, long shipping, long taxes, long discounts,
      int lineCount) {

    public long due() {
      return lines + shipping + taxes - discounts;
    }
  }

  /**
   * A party's part of the net paid.
   *
   * @param gross its part of the net paid: {@code share + commission}
   * @param commission the marketplace's (0 for its own lines)
   */
  public record Part(String vendorId, long gross, long commission, Attribution attribution) {

    public long share() {
      return gross - commission;
    }
  }

  /** Whether any line of the invoice is a vendor's. */
  public static boolean hasVendors(Invoice invoice) {
    return invoice.items().stream().anyMatch(i -> i.vendorId() != null);
  }

  /** The parties in the order of their first line; the marketplace's own lines as a null vendor. */
  public static List<Attribution> attribute(Invoice invoice) {
    Map<String, long[]> byParty = new LinkedHashMap<>(); // vendor → {line total, line count}
    for (Invoice.LineItem item : invoice.items()) {
      long[] sums = byParty.computeIfAbsent(Objects.requireNonNullElse(item.vendorId(), ""),
          v -> new long[2]);
      sums[0] = Math.addExact(sums[0], item.total());
      sums[1]++;
    }
    List<String> parties = new ArrayList<>(byParty.keySet());
    long[] lines = parties.stream().mapToLong(p -> byParty.get(p)[0]).toArray();
    long[] shipping = Allocation.of(invoice.shipping(), lines);
    long[] taxes = Allocation.of(sum(invoice.taxes()), lines);
    long[] discounts = Allocation.of(sum(invoice.discounts()), lines);
    List<Attribution> out = new ArrayList<>();
    for (int i = 0; i < parties.size(); i++) {
      String party = parties.get(i);
      out.add(new Attribution(party.isEmpty() ? null : party, lines[i], shipping[i], taxes[i],
          discounts[i], (int) byParty.get(party)[1]));
    }
    return out;
  }

  /**
   * Every party's part of {@code netPaid}, with each vendor's commission under its terms ({@code
   * terms} by vendor id).
   */
  public static List<Part> split(Invoice invoice, long netPaid,
      Function<String, CommissionTerms> terms) {
    List<Attribution> parties = attribute(invoice);
    long[] gross = allocate(parties, netPaid);
    List<Part> out = new ArrayList<>();
    for (int i = 0; i < parties.size(); i++) {
      Attribution a = parties.get(i);
      long commission = a.vendorId() == null ? 0
          : terms.apply(a.vendorId()).on(gross[i], a.due(), a.lineCount(), invoice.currency());
      out.add(new Part(a.vendorId(), gross[i], commission, a));
    }
    return out;
  }

  /** The parties' parts of {@code netPaid}, pro rata to their dues. */
  public static long[] allocate(List<Attribution> parties, long netPaid) {
    return Allocation.of(netPaid, parties.stream().mapToLong(Attribution::due).toArray());
  }

  private static long sum(List<Invoice.Charge> charges) {
    long total = 0;
    for (Invoice.Charge c : charges) {
      total = Math.addExact(total, c.amount());
    }
    return total;
  }
}
