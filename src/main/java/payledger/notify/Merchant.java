package payledger.notify;

import com.typesafe.config.Config;

/** The merchant named on receipts and in notifications, from {@code payledger.notify.merchant}. */
public record Merchant(String name, String address, String vatId, String email, String website) {

  public static Merchant from(Config config) {
    Config c = config.getConfig("payledger.notify.merchant");
    return new Merchant(c.getString("name"), c.getString("address"), c.getString("vat-id"),
        c.getString("email"), c.getString("website"));
  }
}
