package payledger.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import payledger.order.PaymentEventType;

/**
 * A generated month of marketplace payments (seeded, so every run is the same): clean customers
 * with their own habits (home currency, usual method, one or two cards, a basket size, an order
 * rate from once a month to daily), declines and legitimate retries, returns and refunds, the
 * order system sometimes late (a payment without its order), travellers paying in another
 * currency, method changes, loyal customers' big orders; and fraud injected as incidents of each
 * rule's kind, some of them deliberately below the rules' thresholds (a rule must not look
 * perfect because the data were made for it).
 */
final class FraudDataSet {

  static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  static final Duration MONTH = Duration.ofDays(30);

  /** What an order is: clean, clean of a kind that must not fire, or an injected pattern. */
  enum Label {
    CLEAN,
    LOYAL_BIG_ORDER,
    RETRY_AFTER_DECLINE,
    FRAUD;
  }

  /**
   * One payment event of the set. {@code order} is the order id (for an unlinked payment, the
   * holder's id; {@code fact.orderId()} is then null); {@code incident} names the injected incident
   * (null for clean ones) and {@code pattern} its kind.
   */
  record Row(PaymentFact fact, String order, String customer, String email, Label label,
      FraudRule pattern, String incident) {}

  private static final String[] CURRENCIES = {"EUR", "EUR", "EUR", "EUR", "EUR", "EUR", "USD", "USD", "GBP", "PLN"};
  private static final String[] METHODS = {"card", "card", "card", "card", "card", "card", "card", "card", "paypal", "sepa_debit"};

  private final Random random;
  private final List<Row> rows = new ArrayList<>();
  private int orders;
  private int customers;
  private int incidents;
  private int events;

  FraudDataSet(long seed) {
    this.random = new Random(seed);
  }

  /** The whole set, in the order the gateways' events happened. */
  static List<Row> generate(long seed, int cleanCustomers, int incidentsPerPattern) {
    FraudDataSet set = new FraudDataSet(seed);
    for (int i = 0; i < cleanCustomers; i++) {
      set.cleanCustomer();
    }
    for (FraudRule rule : FraudRule.values()) {
      for (int i = 0; i < incidentsPerPattern; i++) {
        set.incident(rule);
      }
    }
    set.rows.sort(Comparator.comparing((Row r) -> r.fact().at()).thenComparing(r -> r.fact().key()));
    return set.rows;
  }

  // ---- clean customers ----

  private record Habit(String customer, String email, String currency, String method,
      List<String> cards, String gateway, long basket) {}

  private Habit habit() {
    String id = "cus-" + (++customers);
    List<String> cards = new ArrayList<>(List.of(card()));
    if (random.nextDouble() < 0.3) {
      cards.add(card());
    }
    long basket = Math.round(Math.exp(7.5 + 0.8 * random.nextGaussian()));
    return new Habit(id, id + "@example.com", pick(CURRENCIES), pick(METHODS), cards,
        random.nextDouble() < 0.7 ? "stripe" : "adyen", Math.max(500, basket));
  }

  private void cleanCustomer() {
    Habit h = habit();
    // From once a month to most days: a heavy tail of loyal customers.
    double rate = random.nextDouble();
    int count = rate < 0.5 ? 1 + random.nextInt(2) : rate < 0.85 ? 3 + random.nextInt(5)
        : rate < 0.97 ? 8 + random.nextInt(12) : 20 + random.nextInt(25);
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      times.add(START.plusSeconds((long) (random.nextDouble() * MONTH.toSeconds())));
    }
    times.sort(Comparator.naturalOrder());
    // What the customer paid so far (amount, when it succeeded): a big order is "loyal" only
    // against big orders already paid.
    List<long[]> paid = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant at = times.get(i);
      long largest = paid.stream().filter(p -> p[1] < at.getEpochSecond()).mapToLong(p -> p[0]).max().orElse(0);
      paid.add(cleanOrder(h, at, i, count, largest));
    }
  }

  /** One clean order; its amount in the home currency (0 in another) and when it succeeded. */
  private long[] cleanOrder(Habit h, Instant at, int index, int count, long largest) {
    String order = "ord-" + (++orders);
    Label label = Label.CLEAN;
    long amount = Math.max(100, Math.round(h.basket() * Math.exp(0.5 * random.nextGaussian())));
    String currency = h.currency();
    String method = h.method();
    String gateway = h.gateway();
    String card = h.cards().get(random.nextInt(h.cards().size()));
    double roll = random.nextDouble();
    if (count >= 10 && index >= count / 2 && largest >= 4 * h.basket() && roll < 0.1) {
      // A loyal customer's big order: far above their median, but they have spent big before.
      amount = Math.round(Math.max(6 * h.basket(), largest * (1.2 + 0.6 * random.nextDouble())));
      label = Label.LOYAL_BIG_ORDER;
    } else if (count >= 8 && roll < 0.12) {
      amount = h.basket() * (4 + random.nextInt(3)); // the occasional bigger basket
    } else if (roll < 0.14) {
      currency = pickOther(CURRENCIES, currency); // a traveller, a foreign shop of the marketplace
    } else if (roll < 0.17) {
      method = pickOther(METHODS, method);
    }
    boolean unlinked = random.nextDouble() < 0.005;
    double retry = random.nextDouble();
    Instant t = at;
    if (retry < 0.10) {
      // Declined (insufficient funds, 3-D Secure abandoned) and retried within minutes: the same
      // card, or once another card.
      label = label == Label.CLEAN ? Label.RETRY_AFTER_DECLINE : label;
      int declines = retry < 0.02 ? 2 : 1;
      for (int d = 0; d < declines; d++) {
        add(h, order, false, t, PaymentEventType.FAILED, amount, currency, method, gateway, card, label, null, null);
        t = t.plusSeconds(30 + random.nextInt(300));
      }
      if (retry < 0.04) {
        card = card();
      }
    }
    if (random.nextDouble() < 0.25) {
      add(h, order, unlinked, t, PaymentEventType.AUTHORIZED, amount, currency, method, gateway, card, label, null, null);
      t = t.plusSeconds(60 + random.nextInt(3600));
    }
    add(h, order, unlinked, t, PaymentEventType.SUCCEEDED, amount, currency, method, gateway, card, label, null, null);
    if (random.nextDouble() < 0.08) {
      long refund = random.nextBoolean() ? amount : amount / 3;
      add(h, order, unlinked, t.plus(Duration.ofHours(24 + random.nextInt(24 * 14))),
          PaymentEventType.REFUNDED, refund, currency, method, gateway, card, label, null, null);
    }
    return new long[] {currency.equals(h.currency()) ? amount : 0, t.getEpochSecond()};
  }

  // ---- injected fraud ----

  private void incident(FraudRule pattern) {
    String incident = pattern + "-" + (++incidents);
    Instant at = START.plus(Duration.ofDays(5)).plusSeconds((long) (random.nextDouble() * MONTH.minusDays(6).toSeconds()));
    Habit h = habit();
    // One incident in ten is smaller than the rules' thresholds: counted as missed, not left out.
    boolean subtle = random.nextDouble() < 0.1;
    switch (pattern) {
      case CARD_TESTING -> {
        int attempts = subtle ? 3 + random.nextInt(2) : 6 + random.nextInt(25);
        boolean guest = random.nextBoolean(); // guest checkouts: a new customer id each, one email
        Instant t = at;
        for (int i = 0; i < attempts; i++) {
          Habit who = guest ? new Habit("guest-" + incident + "-" + i, h.email(), h.currency(),
              "card", h.cards(), h.gateway(), h.basket()) : h;
          PaymentEventType type = random.nextDouble() < 0.7 ? PaymentEventType.FAILED : PaymentEventType.AUTHORIZED;
          add(who, "ord-" + (++orders), false, t, type, 50 + random.nextInt(200), h.currency(),
              "card", h.gateway(), card(), Label.FRAUD, pattern, incident);
          t = t.plusSeconds(5 + random.nextInt(40));
        }
      }
      case FAILURE_VELOCITY -> {
        Habit victim = established(at, 3);
        String card = card();
        int failures = subtle ? 2 + random.nextInt(2) : 4 + random.nextInt(5);
        String order = "ord-" + (++orders);
        Instant t = at;
        for (int i = 0; i < failures; i++) {
          add(victim, order, false, t, PaymentEventType.FAILED, victim.basket() * 2,
              victim.currency(), "card", victim.gateway(), card, Label.FRAUD, pattern, incident);
          t = t.plusSeconds(120 + random.nextInt(600));
        }
      }
      case MANY_CARDS -> {
        int cards = subtle ? 3 : 4 + random.nextInt(4);
        Instant t = at;
        for (int i = 0; i < cards; i++) {
          add(h, "ord-" + (++orders), false, t, PaymentEventType.SUCCEEDED, h.basket(),
              h.currency(), "card", h.gateway(), card(), Label.FRAUD, pattern, incident);
          t = t.plusSeconds(600 + random.nextInt(7200));
        }
      }
      case REFUND_ABUSE -> {
        int n = subtle ? 2 : 4 + random.nextInt(6);
        Instant t = at.minus(Duration.ofDays(4));
        for (int i = 0; i < n; i++) {
          String order = "ord-" + (++orders);
          long amount = Math.max(1000, Math.round(h.basket() * Math.exp(0.4 * random.nextGaussian())));
          add(h, order, false, t, PaymentEventType.SUCCEEDED, amount, h.currency(), h.method(),
              h.gateway(), h.cards().get(0), Label.FRAUD, pattern, incident);
          add(h, order, false, t.plus(Duration.ofHours(30 + random.nextInt(100))),
              PaymentEventType.REFUNDED, random.nextDouble() < 0.8 ? amount : amount / 2,
              h.currency(), h.method(), h.gateway(), h.cards().get(0), Label.FRAUD, pattern, incident);
          t = t.plus(Duration.ofHours(12 + random.nextInt(48)));
        }
      }
      case CHARGEBACK_HISTORY -> {
        String first = "ord-" + (++orders);
        add(h, first, false, at, PaymentEventType.SUCCEEDED, h.basket(), h.currency(), "card",
            h.gateway(), h.cards().get(0), Label.CLEAN, null, null);
        Instant cb = at.plus(Duration.ofDays(2 + random.nextInt(5)));
        add(h, first, false, cb, PaymentEventType.CHARGEBACK, h.basket(), h.currency(), "card",
            h.gateway(), h.cards().get(0), Label.FRAUD, pattern, incident);
        // Back again, from the same account or the same card under a new account.
        Habit again = random.nextBoolean() ? h : new Habit("cus-alias-" + incident, "alias-" + h.email(),
            h.currency(), "card", h.cards(), h.gateway(), h.basket());
        Instant t = cb.plus(Duration.ofHours(6 + random.nextInt(96)));
        if (subtle) {
          t = cb.plus(Duration.ofDays(200)); // beyond the window: not history any more
        }
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
          add(again, "ord-" + (++orders), false, t, PaymentEventType.SUCCEEDED, h.basket() * 2,
              h.currency(), "card", h.gateway(), again.cards().get(0), Label.FRAUD, pattern, incident);
          t = t.plus(Duration.ofHours(1 + random.nextInt(24)));
        }
      }
      case AMOUNT_SPIKE -> {
        Habit victim = established(at, 4 + random.nextInt(6));
        long amount = victim.basket() * (subtle ? 3 : 10 + random.nextInt(30));
        add(victim, "ord-" + (++orders), false, at, PaymentEventType.SUCCEEDED, Math.max(amount, 20_000),
            victim.currency(), victim.method(), victim.gateway(), victim.cards().get(0), Label.FRAUD, pattern, incident);
      }
      case UNUSUAL_CURRENCY -> {
        Habit victim = established(at, 5 + random.nextInt(5));
        String currency = subtle ? victim.currency() : pickOther(CURRENCIES, victim.currency());
        add(victim, "ord-" + (++orders), false, at, PaymentEventType.SUCCEEDED, victim.basket(),
            currency, victim.method(), victim.gateway(), victim.cards().get(0), Label.FRAUD, pattern, incident);
      }
      case UNUSUAL_METHOD -> {
        Habit victim = established(at, 5 + random.nextInt(5));
        String method = subtle ? victim.method() : "crypto_voucher";
        add(victim, "ord-" + (++orders), false, at, PaymentEventType.SUCCEEDED, victim.basket(),
            victim.currency(), method, victim.gateway(), victim.cards().get(0), Label.FRAUD, pattern, incident);
      }
      case MULTI_SOURCE_ORDER -> {
        String order = "ord-" + (++orders);
        boolean gateways = random.nextBoolean();
        int parts = subtle ? 1 : gateways ? 2 : 3 + random.nextInt(2);
        Instant t = at;
        for (int i = 0; i < parts; i++) {
          String gateway = gateways ? (i % 2 == 0 ? "stripe" : "adyen") : h.gateway();
          add(h, order, false, t, PaymentEventType.SUCCEEDED, h.basket() / Math.max(1, parts),
              h.currency(), "card", gateway, card(), Label.FRAUD, pattern, incident);
          t = t.plusSeconds(60 + random.nextInt(600));
        }
      }
      case UNLINKED_PATTERN -> {
        int n = subtle ? 2 : 3 + random.nextInt(4);
        Instant t = at;
        String card = card();
        for (int i = 0; i < n; i++) {
          add(h, "held-" + incident + "-" + i, true, t, PaymentEventType.SUCCEEDED,
              h.basket(), h.currency(), "card", h.gateway(), card, Label.FRAUD, pattern, incident);
          t = t.plusSeconds(300 + random.nextInt(3 * 3600));
        }
      }
    }
  }

  /** A customer with {@code n} ordinary orders before {@code at}: a history to take over. */
  private Habit established(Instant at, int n) {
    Habit h = habit();
    for (int i = 0; i < n; i++) {
      Instant t = at.minus(Duration.ofHours(24 + random.nextInt(24 * 60)));
      add(h, "ord-" + (++orders), false, t, PaymentEventType.SUCCEEDED,
          Math.max(100, Math.round(h.basket() * Math.exp(0.3 * random.nextGaussian()))),
          h.currency(), h.method(), h.gateway(), h.cards().get(0), Label.CLEAN, null, null);
    }
    return h;
  }

  private void add(Habit h, String order, boolean unlinked, Instant at, PaymentEventType type,
      long amount, String currency, String method, String gateway, String card, Label label,
      FraudRule pattern, String incident) {
    String key = gateway + ":evt-" + (++events);
    String id = unlinked ? "held:" + key : order;
    rows.add(new Row(new PaymentFact(key, at, unlinked ? null : order, type, amount, currency,
        method, gateway, "card".equals(method) ? card : null), id, h.customer(), h.email(), label,
        pattern, incident));
  }

  private String card() {
    return "fp_" + Long.toHexString(random.nextLong());
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private String pickOther(String[] values, String not) {
    String v;
    do {
      v = pick(values);
    } while (v.equals(not));
    return v;
  }
}
