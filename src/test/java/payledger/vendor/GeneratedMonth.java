package payledger.vendor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import payledger.money.Money;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;

/**
 * The generated marketplace month that {@link VendorMonthRun} (the pure rules) and
 * {@link VendorMonthEntitiesRun} (the entities) both run: vendors with their own terms and
 * schedules, then orders in JPY, EUR and KWD with one to four vendors (and sometimes a line of the
 * marketplace's own), shipping, taxes and discounts, paid in one or two captures or overpaid, some
 * partly or fully refunded, charged back and reversed. The same seed gives the same month; draw the
 * vendors first, then the orders in turn.
 */
final class GeneratedMonth {

  static final Instant MONTH = Instant.parse("2026-12-01T00:00:00Z");
  static final String[] CURRENCIES = {"JPY", "EUR", "KWD"};
  static final long[] UNIT = {1, 100, 1000};

  /** A vendor's registration as of {@link #MONTH}, and for one vendor in ten terms from mid-month. */
  record Vendor(String id, VendorProfile profile, PayoutSchedule schedule, CommissionTerms terms,
      CommissionTerms laterTerms) {}

  /** One order's journal; its events are sequence numbers 1.. and happen at {@link #when(int)}. */
  record Order(String orderId, String currency, Instant at, Invoice invoice, List<OrderEvent> journal) {

    Instant when(int seqNr) {
      return at.plusSeconds(seqNr * 600L);
    }

    List<String> vendors() {
      return invoice.items().stream().map(Invoice.LineItem::vendorId)
          .filter(Objects::nonNull).distinct().toList();
    }
  }

  private final SplittableRandom random;
  private final int vendorCount;

  GeneratedMonth(long seed, int vendorCount) {
    this.random = new SplittableRandom(seed);
    this.vendorCount = vendorCount;
  }

  List<Vendor> vendors() {
    List<Vendor> out = new ArrayList<>();
    for (int v = 0; v < vendorCount; v++) {
      String id = "v" + v;
      PayoutSchedule schedule = new PayoutSchedule(random.nextBoolean() ? PayoutSchedule.Frequency.DAILY
          : PayoutSchedule.Frequency.WEEKLY, random.nextInt(15), null);
      CommissionTerms terms = new CommissionTerms(MONTH, random.nextInt(3_001),
          random.nextInt(4) == 0 ? random.nextInt(101) : 0, "EUR");
      CommissionTerms later = random.nextInt(10) == 0
          ? new CommissionTerms(MONTH.plus(Duration.ofDays(15)), random.nextInt(3_001), 0, null) : null;
      out.add(new Vendor(id, new VendorProfile(id, null, List.of()), schedule, terms, later));
    }
    return out;
  }

  Order order(int o) {
    String orderId = "o" + o;
    int c = random.nextInt(3);
    Instant at = MONTH.plusSeconds(random.nextLong(31L * 24 * 3600));
    Invoice invoice = invoice(c);
    return new Order(orderId, CURRENCIES[c], at, invoice, history(orderId, invoice, c, at));
  }

  private Invoice invoice(int c) {
    long unit = UNIT[c];
    int count = 1 + random.nextInt(4);
    List<String> chosen = new ArrayList<>();
    while (chosen.size() < count) {
      String v = "v" + random.nextInt(vendorCount);
      if (!chosen.contains(v)) {
        chosen.add(v);
      }
    }
    List<Invoice.LineItem> lines = new ArrayList<>();
    int lineCount = count + random.nextInt(3);
    for (int i = 0; i < lineCount; i++) {
      String vendor = i < count ? chosen.get(i) : chosen.get(random.nextInt(count));
      lines.add(new Invoice.LineItem("SKU-" + i, null, 1 + random.nextInt(3),
          unit * (1 + random.nextInt(200)) + random.nextInt((int) Math.min(unit, 1000)), vendor));
    }
    if (random.nextInt(10) == 0) {
      lines.add(new Invoice.LineItem("OWN", null, 1, unit * (1 + random.nextInt(50))));
    }
    long goods = lines.stream().mapToLong(Invoice.LineItem::total).sum();
    long shipping = random.nextInt(3) == 0 ? 0 : unit * random.nextInt(10) + random.nextInt(7);
    long tax = goods * random.nextInt(25) / 100;
    long discount = random.nextInt(4) == 0 ? (goods + shipping) * random.nextInt(40) / 100 : 0;
    return new Invoice("c", null, CURRENCIES[c], lines, shipping,
        List.of(new Invoice.Charge("VAT", tax)), List.of(new Invoice.Charge("PROMO", discount)), null);
  }

  /** Registration and payments: most paid in one capture, some in two or overpaid, then refunds and chargebacks. */
  private List<OrderEvent> history(String orderId, Invoice invoice, int c, Instant at) {
    String currency = CURRENCIES[c];
    long due = invoice.total().value();
    List<OrderEvent> journal = new ArrayList<>();
    journal.add(new OrderEvent.OrderRegistered(orderId, invoice, at));
    int shape = random.nextInt(100);
    if (shape < 5 && due > 1) {
      long first = due / 3;
      journal.add(pay(orderId, "a", PaymentEventType.SUCCEEDED, first, currency, at));
      journal.add(pay(orderId, "b", PaymentEventType.SUCCEEDED, due - first, currency, at));
    } else if (shape < 8) {
      journal.add(pay(orderId, "a", PaymentEventType.SUCCEEDED, due + 1 + random.nextInt(500), currency, at));
    } else if (shape < 10) {
      journal.add(pay(orderId, "a", PaymentEventType.SUCCEEDED, due / 2, currency, at)); // never settles
      return journal;
    } else {
      journal.add(pay(orderId, "a", PaymentEventType.SUCCEEDED, due, currency, at));
    }
    int after = random.nextInt(100);
    if (after < 15 && due > 0) {
      journal.add(pay(orderId, "r1", PaymentEventType.REFUNDED, 1 + random.nextLong(due), currency, at));
    } else if (after < 16) {
      journal.add(pay(orderId, "r1", PaymentEventType.REFUNDED, due, currency, at));
    } else if (after < 18 && due > 0) {
      long disputed = 1 + random.nextLong(due);
      journal.add(pay(orderId, "cb", PaymentEventType.CHARGEBACK, disputed, currency, at));
      if (random.nextBoolean()) {
        journal.add(pay(orderId, "cbr", PaymentEventType.CHARGEBACK_REVERSED, disputed, currency, at));
      }
    }
    return journal;
  }

  private static OrderEvent pay(String orderId, String id, PaymentEventType type, long amount,
      String currency, Instant at) {
    return new OrderEvent.PaymentRecorded(orderId, new PaymentEvent(orderId + id, "stripe", type,
        orderId, "pi_" + orderId + id, new Money(amount, currency), "card", at, "c", null), at);
  }
}
