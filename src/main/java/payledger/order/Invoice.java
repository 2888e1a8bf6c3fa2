package payledger.order;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import payledger.money.Money;
import payledger.serialization.CborSerializable;

/**
 * What the customer owes for an order, as registered by the order management system. All amounts
 * are minor units of {@link #currency}.
 *
 * @param expectedPaymentMethod the method the customer chose at checkout, or null when any will do
 * @param locale the customer's language for notifications and receipts (e.g. "en", "de"), or null
 *     for the default
 * @param notificationChannels the customer's channels in order of preference ("email", "webhook",
 *     "in_app", "sms"); empty for the default (email, then the in-app inbox)
 * @param customerPhone the customer's mobile number in E.164 ({@code +4915112345678}), for SMS;
 *     null when not given (and in orders registered before it was kept)
 */
public record Invoice(
    String customerId,
    String customerEmail,
    String currency,
    List<LineItem> items,
    long shipping,
    List<Charge> taxes,
    List<Charge> discounts,
    String expectedPaymentMethod,
    String locale,
    List<String> notificationChannels,
    String customerPhone)
    implements CborSerializable {

  /** E.164: a plus, a country code and the subscriber's number, 7 to 15 digits in all. */
  public static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");

  /** An invoice with the default notification preferences. */
  public Invoice(String customerId, String customerEmail, String currency, List<LineItem> items,
      long shipping, List<Charge> taxes, List<Charge> discounts, String expectedPaymentMethod) {
    this(customerId, customerEmail, currency, items, shipping, taxes, discounts,
        expectedPaymentMethod, null, List.of(), null);
  }

  /** An invoice without a phone number. */
  public Invoice(String customerId, String customerEmail, String currency, List<LineItem> items,
      long shipping, List<Charge> taxes, List<Charge> discounts, String expectedPaymentMethod,
      String locale, List<String> notificationChannels) {
    this(customerId, customerEmail, currency, items, shipping, taxes, discounts,
        expectedPaymentMethod, locale, notificationChannels, null);
  }

  /**
   * One line of the order.
   *
   * @param vendorId the marketplace vendor who sells the line, or null for the marketplace's own
   *     line. Added after the first invoices were journaled: a line stored without it reads back
   *     with null, and its canonical form (nulls omitted) and hash are unchanged.
   */
  public record LineItem(String sku, String description, long quantity, long unitPrice,
      String vendorId) {

    /** A line the marketplace sells itself. */
    public LineItem(String sku, String description, long quantity, long unitPrice) {
      this(sku, description, quantity, unitPrice, null);
    }

    public LineItem {
      if (quantity <= 0 || unitPrice < 0) {
        throw new IllegalArgumentException("quantity must be positive and unit price non-negative");
      }
    }

    public long total() {
      return Math.multiplyExact(quantity, unitPrice);
    }
  }

  /** A named tax or discount line, e.g. "VAT 20%" or "WELCOME10". */
  public record Charge(String name, long amount) {
    public Charge {
      if (amount < 0) {
        throw new IllegalArgumentException("amount must be non-negative");
      }
    }
  }

  public Invoice {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(currency, "currency");
    items = List.copyOf(items);
    taxes = List.copyOf(taxes);
    discounts = List.copyOf(discounts);
    // Events journaled before preferences existed have none.
    notificationChannels = notificationChannels == null ? List.of() : List.copyOf(notificationChannels);
    if (items.isEmpty() || shipping < 0) {
      throw new IllegalArgumentException("an invoice needs items and a non-negative shipping");
    }
  }

  /** Σ(quantity × unit price) + shipping + taxes − discounts; throws on {@code long} overflow. */
  public Money total() {
    long total = shipping;
    for (LineItem item : items) {
      total = Math.addExact(total, item.total());
    }
    for (Charge tax : taxes) {
      total = Math.addExact(total, tax.amount());
    }
    for (Charge discount : discounts) {
      total = Math.subtractExact(total, discount.amount());
    }
    return new Money(total, currency);
  }
}
