package payledger.settlement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import payledger.money.Money;

/**
 * Writes settlement files in the gateways' layouts (Stripe's payout_reconciliation.itemized.5,
 * Adyen's Settlement details report, the generic CSV) from {@link Settled} lines, streaming: lines
 * of one batch follow each other, and each batch ends with its payout record. Faults are injected
 * on request: a malformed record at a given line, a payout total off by an amount.
 */
public final class SettlementFiles {

  /**
   * One line to write. {@code charged} is in the charge's currency with the merchant's sign (a refund
   * is negative); {@code fee} and {@code net} are in the settlement currency; {@code rate} is null
   * unless the currencies differ.
   */
  public record Settled(String batch, SettlementKind kind, String paymentId, String orderId,
      String method, Instant at, Money charged, Money fee, Money net, BigDecimal rate, String lineId) {}

  /** What to break: physical lines (the header is 1) to write malformed; payout totals to shift. */
  public record Faults(Set<Long> malformedLines, Map<String, Long> payoutOff) {
    public static final Faults NONE = new Faults(Set.of(), Map.of());
  }

  public static final List<String> STRIPE = List.of("balance_transaction_id", "created_utc", "created",
      "available_on_utc", "available_on", "currency", "gross", "fee", "net", "reporting_category",
      "source_id", "description", "customer_facing_amount", "customer_facing_currency",
      "automatic_payout_id", "automatic_payout_effective_at_utc", "automatic_payout_effective_at",
      "payment_intent_id", "charge_id", "payment_method_type", "card_brand",
      "payment_metadata[order_id]");

  public static final List<String> ADYEN = List.of("Company Account", "Merchant Account",
      "Psp Reference", "Merchant Reference", "Payment Method", "Creation Date", "TimeZone", "Type",
      "Modification Reference", "Gross Currency", "Gross Debit (GC)", "Gross Credit (GC)",
      "Exchange Rate", "Net Currency", "Net Debit (NC)", "Net Credit (NC)", "Commission (NC)",
      "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)", "Payment Method Variant",
      "Modification Merchant Reference", "Batch Number");

  public static final List<String> GENERIC = GenericSettlementCsv.HEADER;

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.ofHours(1));

  private final String layout;
  private final Writer out;
  private final Faults faults;
  private final String genericGateway;
  private long line = 1;
  private String batch;
  private Money batchNet;
  private Instant batchEnd;
  private long written;

  private SettlementFiles(String layout, Writer out, Faults faults, String genericGateway) {
    this.layout = layout;
    this.out = out;
    this.faults = faults;
    this.genericGateway = genericGateway;
  }

  /** Writes a whole file of {@code layout} ({@code stripe}, {@code adyen}, {@code generic}). */
  public static long write(String layout, Iterator<Settled> lines, Writer out, Faults faults) {
    SettlementFiles file = new SettlementFiles(layout, out, faults, "acmepay");
    file.header();
    while (lines.hasNext()) {
      file.line(lines.next());
    }
    file.closeBatch();
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.written;
  }

  /** A whole file in memory (small test files). */
  public static String text(String layout, List<Settled> lines, Faults faults) {
    java.io.StringWriter out = new java.io.StringWriter();
    write(layout, lines.iterator(), out, faults);
    return out.toString();
  }

  private void header() {
    record(switch (layout) {
      case "stripe" -> STRIPE;
      case "adyen" -> ADYEN;
      case "generic" -> GENERIC;
      default -> throw new IllegalArgumentException(layout);
    });
  }

  private void line(Settled s) {
    if (!s.batch().equals(batch)) {
      closeBatch();
      batch = s.batch();
      batchNet = Money.zero(s.net().currency());
    }
    batchNet = batchNet.plus(s.net());
    batchEnd = batchEnd == null || s.at().isAfter(batchEnd) ? s.at() : batchEnd;
    record(fields(s));
  }

  private void closeBatch() {
    if (batch == null) {
      return;
    }
    Money payout = new Money(-batchNet.value() - faults.payoutOff().getOrDefault(batch, 0L), batchNet.currency());
    Instant at = batchEnd.plusSeconds(86_400);
    record(fields(new Settled(batch, SettlementKind.PAYOUT, null, null, null, at, payout,
        Money.zero(payout.currency()), payout, null, "po-" + batch)));
    batch = null;
    batchEnd = null;
  }

  private List<String> fields(Settled s) {
    return switch (layout) {
      case "stripe" -> stripe(s);
      case "adyen" -> adyen(s);
      default -> generic(s);
    };
  }

  private List<String> stripe(Settled s) {
    Money settledGross = s.net().plus(s.fee());
    boolean converted = !s.charged().currency().equals(s.net().currency());
    String created = UTC.format(s.at());
    String available = UTC.format(s.at().plusSeconds(2 * 86_400));
    String category = switch (s.kind()) {
      case PAYMENT -> "charge";
      case REFUND -> "refund";
      case CHARGEBACK -> "dispute";
      case CHARGEBACK_REVERSAL -> "dispute_reversal";
      case FEE -> "fee";
      case PAYOUT -> "payout";
      case OTHER -> "other_adjustment";
    };
    String payoutAt = UTC.format(s.at().plusSeconds(3 * 86_400));
    boolean ledger = s.kind().matchesLedger();
    return List.of(
        "txn_" + s.lineId(), created, created, available, available,
        s.net().currency().toLowerCase(Locale.ROOT), major(settledGross), major(s.fee()), major(s.net()),
        category, ledger ? source(s) : s.kind() == SettlementKind.PAYOUT ? "po_" + s.batch() : "",
        s.kind() == SettlementKind.PAYOUT ? "STRIPE PAYOUT" : "",
        converted ? major(new Money(Math.abs(s.charged().value()), s.charged().currency())) : "",
        converted ? s.charged().currency().toLowerCase(Locale.ROOT) : "",
        s.batch(), payoutAt, payoutAt,
        ledger ? s.paymentId() : "", "", ledger ? nz(s.method()) : "",
        ledger && "card".equals(s.method()) ? "visa" : "",
        ledger ? nz(s.orderId()) : "");
  }

  private static String source(Settled s) {
    return switch (s.kind()) {
      case REFUND -> "re_" + s.lineId();
      case CHARGEBACK, CHARGEBACK_REVERSAL -> "dp_" + s.lineId();
      default -> "ch_" + s.lineId();
    };
  }

  private List<String> adyen(Settled s) {
    boolean payout = s.kind() == SettlementKind.PAYOUT;
    String type = switch (s.kind()) {
      case PAYMENT -> "Settled";
      case REFUND -> "Refunded";
      case CHARGEBACK -> "Chargeback";
      case CHARGEBACK_REVERSAL -> "ChargebackReversed";
      case FEE -> "Fee";
      case PAYOUT -> "MerchantPayout";
      case OTHER -> "Balancetransfer";
    };
    long fee = s.fee().value();
    long markup = fee / 3;
    long scheme = fee / 3;
    Money charged = s.charged();
    String account = s.batch().substring(0, s.batch().indexOf(':'));
    String number = s.batch().substring(s.batch().indexOf(':') + 1);
    String currency = s.net().currency();
    return List.of(
        "PayledgerCompany", account, payout ? "" : nz(s.paymentId()), payout ? "" : nz(s.orderId()),
        payout ? "" : nz(s.method()), CET.format(s.at()), "CET", type,
        payout ? "" : "M" + s.lineId(),
        payout ? "" : charged.currency(),
        payout || charged.value() >= 0 ? "" : major(new Money(-charged.value(), charged.currency())),
        payout || charged.value() < 0 ? "" : major(charged),
        payout || s.rate() == null ? "1" : s.rate().toPlainString(),
        currency,
        s.net().value() < 0 ? major(new Money(-s.net().value(), currency)) : "",
        s.net().value() >= 0 ? major(s.net()) : "",
        "", major(new Money(markup, currency)), major(new Money(scheme, currency)),
        major(new Money(fee - markup - scheme, currency)),
        payout ? "" : nz(s.method()) + "_debit", "", number);
  }

  private List<String> generic(Settled s) {
    boolean converted = !s.charged().currency().equals(s.net().currency());
    return List.of(genericGateway, s.batch(), s.lineId(), s.kind().name(), nz(s.paymentId()),
        nz(s.orderId()), nz(s.method()), s.at().toString(), major(s.charged()), s.charged().currency(),
        major(s.fee()), major(s.net()), s.net().currency(), converted ? s.rate().toPlainString() : "");
  }

  private void record(List<String> fields) {
    List<String> values = new ArrayList<>(fields);
    if (faults.malformedLines().contains(line)) {
      // An amount no currency has: three decimals in a two-decimal column, or letters.
      int amount = layout.equals("adyen") ? 15 : layout.equals("stripe") ? 6 : 8;
      values.set(amount, line % 2 == 0 ? "12.345" : "12,34x");
    }
    StringBuilder text = new StringBuilder(256);
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      String v = values.get(i);
      if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0) {
        text.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        text.append(v);
      }
    }
    text.append("\r\n");
    try {
      out.write(text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (line > 1) {
      written++;
    }
    line++;
  }

  /** Minor units as the major-unit decimal the reports write. */
  public static String major(Money m) {
    int digits = Math.max(0, Currency.getInstance(m.currency()).getDefaultFractionDigits());
    return BigDecimal.valueOf(m.value(), digits).toPlainString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
