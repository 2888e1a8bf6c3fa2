package payledger.gateway;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.GatewayFixtures.STRIPE_OLD_SECRET;
import static payledger.testing.GatewayFixtures.STRIPE_SECRET;
import static payledger.testing.GatewayFixtures.stripe;
import static payledger.testing.GatewayFixtures.stripeSignature;

import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our Stripe-Signature check against signatures made by stripe-java itself. */
class StripeSignatureTest {

  private static final long NOW = 1763806600L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private final StripeSignature check = new StripeSignature(List.of(STRIPE_SECRET), Duration.ofSeconds(300), CLOCK);
  private final String payload = stripe("payment_intent.succeeded", "order-1", null);

  private StripeSignature.Verdict verify(String header, String body) {
    return check.verify(header, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aSignatureMadeByStripeJavaIsAccepted() {
    assertTrue(verify(stripeSignature(STRIPE_SECRET, NOW - 10, payload), payload).valid());
  }

  @Test
  void stripeJavaAcceptsTheHeaderWeVerifyAgainst() throws Exception {
    String header = stripeSignature(STRIPE_SECRET, NOW, payload);
    Clock stripeClock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    assertEquals("payment_intent.succeeded",
        Webhook.constructEvent(payload, header, STRIPE_SECRET, 300, stripeClock).getType());
  }

  @Test
  void aWrongSecretIsRefused() {
    assertFalse(verify(stripeSignature("whsec_someone_else", NOW, payload), payload).valid());
  }

  @Test
  void aTamperedBodyIsRefused() {
    String header = stripeSignature(STRIPE_SECRET, NOW, payload);
    assertFalse(verify(header, payload.replace("3090", "9030")).valid());
  }

  @Test
  void aStaleOrFutureTimestampIsRefusedEvenWhenCorrectlySigned() {
    assertFalse(verify(stripeSignature(STRIPE_SECRET, NOW - 301, payload), payload).valid());
    assertFalse(verify(stripeSignature(STRIPE_SECRET, NOW + 301, payload), payload).valid());
    assertTrue(verify(stripeSignature(STRIPE_SECRET, NOW - 300, payload), payload).valid());
  }

  @Test
  void anyMatchingV1PassesAndV0IsIgnored() {
    String good = stripeSignature(STRIPE_SECRET, NOW, payload).split(",v1=")[1];
    String header = "t=" + NOW + ",v1=" + "00".repeat(32) + ",v0=" + good + ",v1=" + good;
    assertTrue(verify(header, payload).valid());
    assertFalse(verify("t=" + NOW + ",v0=" + good, payload).valid());
  }

  @Test
  void everyConfiguredSecretIsAcceptedDuringRotation() {
    StripeSignature rotating = new StripeSignature(List.of(STRIPE_SECRET, STRIPE_OLD_SECRET), Duration.ofSeconds(300), CLOCK);
    String old = stripeSignature(STRIPE_OLD_SECRET, NOW, payload);
    assertTrue(rotating.verify(old, payload.getBytes(StandardCharsets.UTF_8)).valid());
    assertFalse(verify(old, payload).valid());
  }

  @Test
  void malformedHeadersAreRefusedWithoutThrowing() {
    for (String header : new String[] {null, "", "t=", "v1=abc", "t=abc,v1=00", "t=" + NOW, "t=" + NOW + ",v1=zz",
        "t=99999999999999999999,v1=00", ",,,", "t=" + NOW + ",v1=" + "0".repeat(5000)}) {
      assertFalse(verify(header, payload).valid(), String.valueOf(header));
    }
  }

  @Test
  void withoutAConfiguredSecretEverythingIsRefused() {
    StripeSignature none = new StripeSignature(List.of(), Duration.ofSeconds(300), CLOCK);
    assertFalse(none.verify(stripeSignature(STRIPE_SECRET, NOW, payload), payload.getBytes(StandardCharsets.UTF_8)).valid());
  }
}
