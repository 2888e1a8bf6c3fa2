package payledger.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import payledger.gateway.PaymentIngestion.Outcome;

/**
 * Adyen ({@code POST /v1/gateways/adyen/notifications}): a batch is all or nothing. Every item's HMAC
 * is checked ({@link AdyenHmac}) and every item mapped ({@link AdyenNotifications}) before anything
 * is stored; one bad item refuses the whole batch and Adyen retries it. {@code [accepted]} only once
 * every item is journaled; a partial failure (503, 409) leaves the journaled items as duplicates for
 * Adyen's retry.
 */
final class AdyenGateway implements Gateway {

  /**
   * {@code payledger.gateways.adyen}.
   *
   * @param authorisationIsCapture an AUTHORISATION success already took the money (immediate capture)
   */
  record Settings(List<String> hmacKeys, boolean authorisationIsCapture) implements Gateway.Settings {

    static Settings from(Config c) {
      return new Settings(GatewaySettings.list(c, "hmac-keys"), c.getBoolean("authorisation-is-capture"));
    }

    @Override
    public Gateway create(Clock clock, long maxAmount) {
      return new AdyenGateway(new AdyenHmac(hmacKeys), new AdyenNotifications(authorisationIsCapture, maxAmount));
    }
  }

  private final AdyenHmac hmac;
  private final AdyenNotifications notifications;

  private AdyenGateway(AdyenHmac hmac, AdyenNotifications notifications) {
    this.hmac = hmac;
    this.notifications = notifications;
  }

  @Override
  public String name() {
    return AdyenNotifications.GATEWAY;
  }

  /** Adyen signs each item, not the body: checked in {@link #read}. */
  @Override
  public Optional<String> verify(Delivery delivery) {
    return Optional.empty();
  }

  @Override
  public Received read(Delivery delivery, JsonNode body) {
    if (!hmac.configured()) {
      return new Received.Refused("no Adyen HMAC key is configured");
    }
    List<JsonNode> items = AdyenNotifications.items(body);
    for (int i = 0; i < items.size(); i++) {
      if (!hmac.verify(items.get(i))) {
        return new Received.Refused("notificationItems[" + i + "]: additionalData.hmacSignature does not verify;"
            + " nothing was stored");
      }
    }
    return new Received.Messages(items.stream().map(notifications::map).toList());
  }

  @Override
  public Reply answer(List<Mapped> mapped, List<Outcome> outcomes) {
    for (Outcome outcome : outcomes) {
      if (!(outcome instanceof Outcome.Recorded)) {
        return new Reply.Standard(outcome);
      }
    }
    return new Reply.Text(200, "[accepted]");
  }
}
