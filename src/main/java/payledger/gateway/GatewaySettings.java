package payledger.gateway;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Settings of the gateway adapters, from {@code payledger.gateways} (see gateways.conf).
 *
 * @param ownEndpoints the gateways with an endpoint of their own, verified by their signatures (every
 *     section but {@code generic}): their names are refused on the generic endpoints
 */
public record GatewaySettings(
    List<String> stripeSecrets,
    Duration stripeTolerance,
    String stripeOrderIdKey,
    boolean stripePaymentsFromCharges,
    boolean stripeRefundsFromRefunds,
    List<String> adyenHmacKeys,
    boolean adyenAuthorisationIsCapture,
    Map<String, String> genericSecrets,
    Set<String> ownEndpoints) {

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
        Map.copyOf(generic),
        c.root().keySet().stream().filter(name -> !name.equals("generic")).collect(Collectors.toUnmodifiableSet()));
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
