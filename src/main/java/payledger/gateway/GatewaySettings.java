package payledger.gateway;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Settings of the gateway adapters, from {@code payledger.gateways} (see gateways.conf). */
public record GatewaySettings(
    List<String> stripeSecrets,
    Duration stripeTolerance,
    String stripeOrderIdKey,
    boolean stripePaymentsFromCharges,
    boolean stripeRefundsFromRefunds,
    List<String> adyenHmacKeys,
    boolean adyenAuthorisationIsCapture,
    Map<String, String> genericSecrets) {

  public static GatewaySettings from(Config config) {
    Config c = config.getConfig("payledger.gateways");
    Map<String, String> generic = new TreeMap<>();
    Config secrets = c.getConfig("generic.secrets");
    secrets.root().keySet().forEach(gateway -> {
      String secret = secrets.getString(gateway);
      if (!secret.isBlank()) {
        generic.put(gateway, secret);
      }
    });
    return new GatewaySettings(
        list(c.getString("stripe.signing-secrets")),
        c.getDuration("stripe.tolerance"),
        c.getString("stripe.order-id-metadata-key"),
        oneOf(c, "stripe.payments-from", "payment_intent", "charge").equals("charge"),
        oneOf(c, "stripe.refunds-from", "charge", "refund").equals("refund"),
        list(c.getString("adyen.hmac-keys")),
        c.getBoolean("adyen.authorisation-is-capture"),
        Map.copyOf(generic));
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String oneOf(Config c, String path, String... allowed) {
    String value = c.getString(path);
    if (!Arrays.asList(allowed).contains(value)) {
      throw new IllegalArgumentException(
          "payledger.gateways." + path + " must be one of " + Arrays.toString(allowed));
    }
    return value;
  }
}
