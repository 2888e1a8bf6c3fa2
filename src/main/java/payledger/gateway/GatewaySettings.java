package payledger.gateway;

import com.typesafe.config.Config;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The typed settings of every gateway in {@link Gateways#KINDS}, each read from its section of
 * {@code payledger.gateways} (see gateways.conf), so a bad setting stops the node at start.
 */
public record GatewaySettings(Map<String, Gateway.Settings> byName) {

  public GatewaySettings {
    byName = Map.copyOf(byName);
  }

  public static GatewaySettings from(Config config) {
    Config c = config.getConfig("payledger.gateways");
    Map<String, Gateway.Settings> byName = new LinkedHashMap<>();
    for (Gateways.Kind kind : Gateways.KINDS) {
      byName.put(kind.name(), kind.settings().apply(c.getConfig(kind.name())));
    }
    return new GatewaySettings(byName);
  }

  /**
   * The gateways with an endpoint of their own, verified by their signatures: their names are
   * refused on the generic endpoints.
   */
  public Set<String> ownEndpoints() {
    return Gateways.KINDS.stream().filter(kind -> kind.webhook() != null).map(Gateways.Kind::name)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** A comma-separated list setting, blanks dropped. */
  static List<String> list(Config section, String key) {
    return Arrays.stream(section.getString(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** A setting that must be one of a few words; {@code gateway} names the section in the error. */
  static String oneOf(Config section, String gateway, String key, String... allowed) {
    String value = section.getString(key);
    if (!Arrays.asList(allowed).contains(value)) {
      throw new IllegalArgumentException(
          "payledger.gateways." + gateway + "." + key + " must be one of " + Arrays.toString(allowed));
    }
    return value;
  }
}
