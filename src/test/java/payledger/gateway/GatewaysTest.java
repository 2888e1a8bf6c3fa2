package payledger.gateway;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import payledger.money.Money;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.testing.GatewayFixtures;
import payledger.testing.TestConfigs;

/** The registry: each gateway from its typed settings, found by its name and webhook. */
class GatewaysTest {

  private static final long MAX = 100_000_000_000L;

  private static Gateways registry(String overrides) {
    return Gateways.create(GatewaySettings.from(TestConfigs.inMemory(overrides)), Clock.systemUTC(), MAX);
  }

  private static PaymentEvent event(String gateway) {
    return new PaymentEvent("evt-1", gateway, PaymentEventType.SUCCEEDED, "o-1", "p-1", new Money(100, "EUR"),
        "card", Instant.EPOCH, null, null);
  }

  @Test
  void eachGatewayIsFoundByItsNameAndItsOwnWebhookOnly() {
    Gateways gateways = registry(GatewayFixtures.CONFIG);
    assertEquals("stripe", gateways.webhook("stripe", "webhook").orElseThrow().name());
    assertEquals("adyen", gateways.webhook("adyen", "notifications").orElseThrow().name());
    assertTrue(gateways.webhook("stripe", "notifications").isEmpty());
    assertTrue(gateways.webhook("paypal", "webhook").isEmpty());
    assertTrue(gateways.webhook("generic", "webhook").isEmpty(), "the generic format has no webhook of its own");
    assertEquals("generic", gateways.generic().name());
    assertEquals(Set.of("stripe", "adyen", "generic"),
        Set.copyOf(gateways.all().stream().map(Gateway::name).toList()));
  }

  @Test
  void onlyAGatewayWithoutItsOwnEndpointMayBeNamedByTheGenericFormat() {
    Gateways gateways = registry("");
    Gateway stripe = gateways.webhook("stripe", "webhook").orElseThrow();
    assertTrue(gateways.signedElsewhere(gateways.generic(), event("stripe")));
    assertTrue(gateways.signedElsewhere(gateways.generic(), event("adyen")));
    assertFalse(gateways.signedElsewhere(gateways.generic(), event("acme")));
    assertFalse(gateways.signedElsewhere(stripe, event("stripe")));
  }

  @Test
  void eachGatewayHasTypedSettingsAndABadOneStopsTheStart() {
    GatewaySettings settings = GatewaySettings.from(TestConfigs.inMemory(GatewayFixtures.CONFIG));
    assertEquals(List.of(GatewayFixtures.STRIPE_SECRET, GatewayFixtures.STRIPE_OLD_SECRET),
        ((StripeGateway.Settings) settings.byName().get("stripe")).signingSecrets());
    assertEquals(List.of(GatewayFixtures.ADYEN_KEY), ((AdyenGateway.Settings) settings.byName().get("adyen")).hmacKeys());
    assertEquals(Map.of("acme", "acme-secret"), ((GenericFormat.Settings) settings.byName().get("generic")).secrets());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> GatewaySettings.from(TestConfigs.inMemory("payledger.gateways.stripe.payments-from = invoice")));
    assertTrue(bad.getMessage().contains("payledger.gateways.stripe.payments-from"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Gateways.create(GatewaySettings.from(
        TestConfigs.inMemory("payledger.gateways.adyen.hmac-keys = \"not hex\"")), Clock.systemUTC(), MAX));
  }

  @Test
  void aDeliveryIsRefusedBeforeParsingOnlyByAGatewayThatSignsTheRawBody() {
    Gateways gateways = registry(GatewayFixtures.CONFIG);
    Delivery unsigned = new Delivery("{}".getBytes(), Map.of());
    assertTrue(gateways.webhook("stripe", "webhook").orElseThrow().verify(unsigned).isPresent());
    assertTrue(gateways.webhook("adyen", "notifications").orElseThrow().verify(unsigned).isEmpty(),
        "Adyen signs each item of the body");
    assertTrue(gateways.generic().verify(unsigned).isEmpty(), "the X-Signature depends on the gateway named in the body");
    String payload = GatewayFixtures.stripe("payment_intent.succeeded", "o-1", null);
    Delivery signed = new Delivery(payload.getBytes(), Map.of("stripe-signature",
        GatewayFixtures.stripeSignature(GatewayFixtures.STRIPE_SECRET, Instant.now().getEpochSecond(), payload)));
    assertTrue(gateways.webhook("stripe", "webhook").orElseThrow().verify(signed).isEmpty());
  }
}
