package payledger.gateway;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import payledger.json.JsonFields;
import payledger.testing.GatewayFixtures;
import payledger.time.ServiceClock;
import payledger.vendor.PayoutEvent;

/**
 * Payouts from the gateways' marketplace products: Stripe Connect events verified with the Connect
 * endpoint's secret (signed with stripe-java's HMAC) and mapped from one family; Adyen for Platforms
 * transfer webhooks verified by their HmacSignature header; the generic format's fields.
 */
class PayoutGatewaysTest {

  static final Instant NOW = Instant.parse("2026-12-14T09:00:00Z");
  static final String SECRET = "whsec_test_connect_1a2b3c4d5e6f";
  static final String ADYEN_KEY = GatewayFixtures.ADYEN_KEY;

  private final ServiceClock clock = ServiceClock.frozenAt(NOW);

  private PayoutGateways gateways(String payoutsFrom) {
    Config section = ConfigFactory.parseString("""
        stripe { signing-secrets = "%s", tolerance = 300s, payouts-from = %s }
        adyen { hmac-keys = "%s" }
        """.formatted(SECRET, payoutsFrom, ADYEN_KEY));
    GatewaySettings payments = GatewaySettings.from(ConfigFactory.parseString(
        "payledger.gateways.generic.secrets { acme = \"acme-secret\" }").withFallback(ConfigFactory.load()));
    return PayoutGateways.create(section, payments, clock, 100_000_000);
  }

  static String stripe(String type, String objectJson) {
    return """
        {"id":"evt_1","object":"event","account":"acct_vendor","created":%d,"type":"%s",
         "data":{"object":%s}}""".formatted(NOW.getEpochSecond(), type, objectJson);
  }

  static final String PAYOUT = """
      {"id":"po_1","object":"payout","amount":9000,"currency":"eur","status":"paid"}""";
  static final String TRANSFER = """
      {"id":"tr_1","object":"transfer","amount":9000,"amount_reversed":0,"currency":"eur","destination":"acct_dest"}""";

  private static Delivery delivery(String body, String header, String value) {
    return new Delivery(body.getBytes(StandardCharsets.UTF_8), Map.of(header.toLowerCase(), value));
  }

  @Test
  void aStripeConnectPayoutSignedAsStripeSignsItIsAPaidPayoutOfTheEventsAccount() {
    PayoutGateways g = gateways("payout");
    String body = stripe("payout.paid", PAYOUT);
    String signature = GatewayFixtures.stripeSignature(SECRET, NOW.getEpochSecond(), body);
    assertEquals(java.util.Optional.empty(), g.verifyStripe(delivery(body, "Stripe-Signature", signature)));
    assertTrue(g.verifyStripe(delivery(body.replace("9000", "9900"), "Stripe-Signature", signature)).isPresent());
    String old = GatewayFixtures.stripeSignature(SECRET, NOW.getEpochSecond() - 301, body);
    assertTrue(g.verifyStripe(delivery(body, "Stripe-Signature", old)).isPresent(), "outside the tolerance");

    PayoutMessage.Payout p = (PayoutMessage.Payout) g.readStripe(GatewayFixtures.json(body));
    assertEquals("acct_vendor", p.account());
    assertNull(p.vendorId());
    assertEquals(new PayoutEvent("evt_1", "stripe", "po_1", PayoutEvent.Status.PAID, "EUR", 9000, NOW), p.event());
    PayoutMessage.Payout failed = (PayoutMessage.Payout) g.readStripe(GatewayFixtures.json(stripe("payout.failed", PAYOUT)));
    assertEquals(PayoutEvent.Status.FAILED, failed.event().status());
    assertInstanceOf(PayoutMessage.Ignored.class, g.readStripe(GatewayFixtures.json(stripe("transfer.created", TRANSFER))),
        "transfers are redundant when payouts are counted");
    assertInstanceOf(PayoutMessage.Ignored.class, g.readStripe(GatewayFixtures.json(stripe("account.updated", "{}"))));
  }

  @Test
  void transfersCountWhenConfiguredAndOnlyAFullReversalFailsOne() {
    PayoutGateways g = gateways("transfer");
    PayoutMessage.Payout t = (PayoutMessage.Payout) g.readStripe(GatewayFixtures.json(stripe("transfer.created", TRANSFER)));
    assertEquals("acct_dest", t.account());
    assertEquals("tr_1", t.event().payoutId());
    assertEquals(PayoutEvent.Status.PAID, t.event().status());
    assertInstanceOf(PayoutMessage.Ignored.class, g.readStripe(GatewayFixtures.json(stripe("payout.paid", PAYOUT))));
    assertInstanceOf(PayoutMessage.Ignored.class, g.readStripe(GatewayFixtures.json(stripe("transfer.reversed",
        TRANSFER.replace("\"amount_reversed\":0", "\"amount_reversed\":100")))));
    PayoutMessage.Payout reversed = (PayoutMessage.Payout) g.readStripe(GatewayFixtures.json(stripe("transfer.reversed",
        TRANSFER.replace("\"amount_reversed\":0", "\"amount_reversed\":9000"))));
    assertEquals(PayoutEvent.Status.FAILED, reversed.event().status());
  }

  @Test
  void aStripePayoutWithoutAnAccountOrAmountIsBadInput() {
    PayoutGateways g = gateways("payout");
    String noAccount = stripe("payout.paid", PAYOUT).replace("\"account\":\"acct_vendor\",", "");
    assertThrows(JsonFields.Invalid.class, () -> g.readStripe(GatewayFixtures.json(noAccount)));
    String noAmount = stripe("payout.paid", PAYOUT.replace("\"amount\":9000,", ""));
    assertThrows(JsonFields.Invalid.class, () -> g.readStripe(GatewayFixtures.json(noAmount)));
  }

  static String adyen(String status) {
    return """
        {"data":{"id":"TRF1","accountHolder":{"id":"AH_vendor"},"balanceAccount":{"id":"BA1"},
          "amount":{"currency":"EUR","value":9000},"category":"bank","direction":"outgoing",
          "status":"%s","creationDate":"2026-12-14T10:00:00+01:00"},
         "environment":"test","type":"balancePlatform.transfer.updated"}""".formatted(status);
  }

  static String adyenSignature(String body) {
    return Base64.getEncoder().encodeToString(
        Hmac.sha256(Hmac.fromHex(ADYEN_KEY.toLowerCase()), body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anAdyenTransferWebhookIsVerifiedByItsHmacSignatureAndABookedBankTransferIsAPaidPayout() {
    PayoutGateways g = gateways("payout");
    String body = adyen("booked");
    assertEquals(java.util.Optional.empty(), g.verifyAdyen(delivery(body, "HmacSignature", adyenSignature(body))));
    assertTrue(g.verifyAdyen(delivery(body.replace("9000", "9001"), "HmacSignature", adyenSignature(body))).isPresent());
    assertTrue(g.verifyAdyen(new Delivery(body.getBytes(StandardCharsets.UTF_8), Map.of())).isPresent());

    PayoutMessage.Payout p = (PayoutMessage.Payout) g.readAdyen(GatewayFixtures.json(body));
    assertEquals("AH_vendor", p.account());
    assertEquals(new PayoutEvent("TRF1:booked", "adyen", "TRF1", PayoutEvent.Status.PAID, "EUR", 9000, NOW), p.event());
    assertEquals(PayoutEvent.Status.FAILED,
        ((PayoutMessage.Payout) g.readAdyen(GatewayFixtures.json(adyen("returned")))).event().status());
    assertInstanceOf(PayoutMessage.Ignored.class, g.readAdyen(GatewayFixtures.json(adyen("authorised"))));
    assertInstanceOf(PayoutMessage.Ignored.class,
        g.readAdyen(GatewayFixtures.json(adyen("booked").replace("\"bank\"", "\"internal\""))));
  }

  @Test
  void theGenericFormatNamesItsVendorAndIsSignedWhenItsGatewayHasASecret() {
    PayoutGateways g = gateways("payout");
    String body = """
        {"eventId":"e1","gateway":"acme","vendorId":"v1","payoutId":"p1","status":"PAID",
         "amount":{"value":500,"currency":"EUR"},"occurredAt":"2026-12-14T09:00:00Z"}""";
    PayoutMessage.Payout p = g.readGeneric(GatewayFixtures.json(body));
    assertEquals("v1", p.vendorId());
    assertEquals(500, p.event().amount());
    assertTrue(g.verifyGeneric(delivery(body, "X-Signature", "00"), GatewayFixtures.json(body)).isPresent());
    String hex = java.util.HexFormat.of().formatHex(
        Hmac.sha256("acme-secret".getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    assertTrue(g.verifyGeneric(delivery(body, "X-Signature", hex), GatewayFixtures.json(body)).isEmpty());
    assertTrue(g.signedElsewhere("stripe"));
    assertFalse(g.signedElsewhere("acme"));
    assertThrows(JsonFields.Invalid.class, () -> g.readGeneric(GatewayFixtures.json(body.replace("\"PAID\"", "\"LOST\""))));
  }
}
