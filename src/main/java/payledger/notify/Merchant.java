package payledger.notify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * The merchant named on receipts and in notifications, from {@code payledger.notify.merchant}. The
 * receipt's JSON names the merchant by the first five alone.
 *
 * @param email where customers reach support: shown on receipts, and the Reply-To of every mail
 * @param logo the logo as a {@code data:} URI (read once from the configured PNG or JPEG file), or
 *     empty: receipts then show the name's initial in its place
 * @param paymentLink where a customer pays an open balance, {@code {orderId}} standing for the
 *     order, or empty when the merchant has no such page
 */
public record Merchant(String name, String address, String vatId, String email, String website,
    @JsonIgnore String logo, @JsonIgnore String paymentLink) {

  public static Merchant from(Config config) {
    Config c = config.getConfig("payledger.notify.merchant");
    return new Merchant(c.getString("name"), c.getString("address"), c.getString("vat-id"),
        c.getString("email"), c.getString("website"),
        c.hasPath("logo") ? logo(c.getString("logo")) : "",
        c.hasPath("payment-link") ? c.getString("payment-link") : "");
  }

  /** The link that pays {@code orderId}'s balance, or empty. */
  public String paymentLinkFor(String orderId) {
    return paymentLink.isBlank() ? "" : paymentLink.replace("{orderId}",
        URLEncoder.encode(orderId, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private static String logo(String file) {
    if (file.isBlank()) {
      return "";
    }
    String lower = file.toLowerCase(Locale.ROOT);
    String type = lower.endsWith(".png") ? "image/png"
        : lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "image/jpeg" : null;
    if (type == null) {
      throw new IllegalArgumentException("payledger.notify.merchant.logo must be a .png or .jpg file");
    }
    try {
      return "data:" + type + ";base64,"
          + Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("payledger.notify.merchant.logo cannot be read: " + file, e);
    }
  }
}
