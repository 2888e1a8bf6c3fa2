package payledger.gateway;

import com.typesafe.config.Config;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import payledger.order.PaymentEvent;

/**
 * The registry of gateways by name, built from their {@link GatewaySettings}. A gateway with a
 * webhook of its own is served at {@code POST /v1/gateways/{name}/{webhook}}; the generic format
 * arrives on {@code /v1/payment-events}, authenticated by API key, naming any gateway but those.
 */
public final class Gateways {

  /**
   * A gateway payledger speaks: its name (and section of gateways.conf), the last segment of its own
   * webhook's path (null: none), and how its section is read into typed settings.
   */
  record Kind(String name, String webhook, Function<Config, Gateway.Settings> settings) {}

  /** Every gateway payledger speaks: adding one is one line here, its class and its settings. */
  static final List<Kind> KINDS = List.of(
      new Kind(StripeEvents.GATEWAY, "webhook", StripeGateway.Settings::from),
      new Kind(AdyenNotifications.GATEWAY, "notifications", AdyenGateway.Settings::from),
      new Kind(GenericFormat.NAME, null, GenericFormat.Settings::from));

  private final Map<String, Gateway> byName;
  private final Map<String, String> webhooks;
  private final GenericFormat generic;

  private Gateways(Map<String, Gateway> byName, Map<String, String> webhooks) {
    this.byName = Map.copyOf(byName);
    this.webhooks = Map.copyOf(webhooks);
    this.generic = (GenericFormat) byName.get(GenericFormat.NAME);
  }

  /** {@code maxAmount}: the largest amount (minor units) any event may carry. */
  public static Gateways create(GatewaySettings settings, Clock clock, long maxAmount) {
    Map<String, Gateway> byName = new LinkedHashMap<>();
    Map<String, String> webhooks = new LinkedHashMap<>();
    for (Kind kind : KINDS) {
      byName.put(kind.name(), settings.byName().get(kind.name()).create(clock, maxAmount));
      if (kind.webhook() != null) {
        webhooks.put(kind.name(), kind.webhook());
      }
    }
    return new Gateways(byName, webhooks);
  }

  /** The gateway whose own webhook is {@code POST /v1/gateways/{name}/{webhook}}, if any. */
  public Optional<Gateway> webhook(String name, String webhook) {
    return webhook.equals(webhooks.get(name)) ? Optional.of(byName.get(name)) : Optional.empty();
  }

  /** The generic format: {@code POST /v1/payment-events} and its batch. */
  public GenericFormat generic() {
    return generic;
  }

  public Collection<Gateway> all() {
    return byName.values();
  }

  /**
   * True when {@code event}, delivered by {@code deliveredBy}, names another gateway that has a
   * signed endpoint of its own: anyone holding a gateway key could otherwise post an unsigned event
   * under its name, and the genuine signed event with that id would then be refused as a conflict
   * on every retry.
   */
  public boolean signedElsewhere(Gateway deliveredBy, PaymentEvent event) {
    return !event.gateway().equals(deliveredBy.name()) && webhooks.containsKey(event.gateway());
  }
}
