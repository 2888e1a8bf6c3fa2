package payledger.gateway;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.GatewayFixtures.ADYEN_KEY;
import static payledger.testing.GatewayFixtures.adyen;
import static payledger.testing.GatewayFixtures.json;
import static payledger.testing.GatewayFixtures.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.json.JsonFields;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEvent.Card;
import payledger.order.PaymentEvent.Risk;
import payledger.order.PaymentEvent.RiskLevel;
import payledger.testing.Requests;

/** The card as the customer knows it and the gateway's risk assessment, from each gateway's message. */
class PaymentDetailsTest {

  private static final long MAX = 100_000_000_000L;
  private final StripeEvents byCharge = new StripeEvents(new StripeEvents.Settings("order_id", true, true, MAX));
  private final StripeEvents byIntent = new StripeEvents(new StripeEvents.Settings("order_id", false, false, MAX));
  private final AdyenNotifications adyen = new AdyenNotifications(false, MAX);
  private final GenericFormat generic =
      (GenericFormat) new GenericFormat.Settings(java.util.Map.of()).create(Clock.systemUTC(), MAX);

  private static PaymentEvent event(Mapped mapped) {
    return assertInstanceOf(Mapped.Event.class, mapped).event();
  }

  private static ObjectNode stripeObject(ObjectNode body) {
    return (ObjectNode) body.get("data").get("object");
  }

  @Test
  void aStripeChargeCarriesItsCardAndRadarRisk() {
    PaymentEvent e = event(byCharge.map(json(stripe("charge.succeeded", "o-1", null))));
    assertEquals(new Card("visa", "4242", "Xt5EWLLDS7FJjR1c", "credit", null), e.card());
    assertEquals(new Risk(RiskLevel.NORMAL, 32, "normal"), e.risk());
  }

  @Test
  void aStripeWalletAndTheHighestRiskAreKept() {
    ObjectNode body = (ObjectNode) json(stripe("charge.succeeded", "o-1", null));
    ObjectNode card = (ObjectNode) stripeObject(body).get("payment_method_details").get("card");
    card.put("brand", "American Express").putObject("wallet").put("type", "apple_pay");
    ((ObjectNode) stripeObject(body).get("outcome")).put("risk_level", "highest").put("risk_score", 91);
    PaymentEvent e = event(byCharge.map(body));
    assertEquals("amex", e.card().brand());
    assertEquals("apple_pay", e.card().wallet());
    assertEquals(new Risk(RiskLevel.HIGH, 91, "highest"), e.risk());
  }

  @Test
  void aStripePaymentIntentTakesTheCardFromItsExpandedLatestCharge() {
    ObjectNode plain = (ObjectNode) json(stripe("payment_intent.succeeded", "o-1", null));
    PaymentEvent withoutCharge = event(byIntent.map(plain));
    assertNull(withoutCharge.card(), "latest_charge is only an id");
    assertNull(withoutCharge.risk());

    ObjectNode expanded = plain.deepCopy();
    ObjectNode charge = stripeObject((ObjectNode) json(stripe("charge.succeeded", "o-1", null)));
    stripeObject(expanded).set("latest_charge", charge);
    PaymentEvent e = event(byIntent.map(expanded));
    assertEquals("4242", e.card().last4());
    assertEquals(RiskLevel.NORMAL, e.risk().level());

    ObjectNode older = plain.deepCopy();
    ObjectNode oldCharge = charge.deepCopy();
    ((ObjectNode) oldCharge.get("payment_method_details").get("card")).put("last4", "0005").put("brand", "mastercard");
    oldCharge.put("created", 1);
    stripeObject(older).putObject("charges").putArray("data").add(oldCharge).add(charge);
    assertEquals("4242", event(byIntent.map(older)).card().last4(), "the newest embedded charge");
  }

  @Test
  void anOddStripeCardIsDroppedButThePaymentStands() {
    ObjectNode body = (ObjectNode) json(stripe("charge.succeeded", "o-1", null));
    ((ObjectNode) stripeObject(body).get("payment_method_details").get("card")).put("last4", "42");
    stripeObject(body).remove("outcome");
    PaymentEvent e = event(byCharge.map(body));
    assertNull(e.card());
    assertNull(e.risk());
    assertEquals(3090, e.amount().value());
  }

  private JsonNode adyenItem() {
    String batch = adyen("o-1", List.<String[]>of(new String[] {"AUTHORISATION", "true", "8816178952380553", "3090"}), ADYEN_KEY);
    return AdyenNotifications.items(json(batch)).get(0);
  }

  @Test
  void anAdyenItemCarriesItsCardSummaryVariantAndFraudResult() {
    PaymentEvent e = event(adyen.map(adyenItem()));
    assertEquals(new Card("visa", "1111", null, "credit", null), e.card());
    assertEquals(new Risk(RiskLevel.NORMAL, 10, "GREEN"), e.risk());
  }

  @Test
  void anAdyenWalletVariantNamesTheBrandAndTheWallet() {
    ObjectNode item = (ObjectNode) adyenItem();
    item.put("paymentMethod", "applepay");
    ((ObjectNode) item.get("additionalData")).put("paymentMethodVariant", "mc_applepay")
        .put("fraudResultType", "AMBER").put("totalFraudScore", "65").put("alias", "H167852639363479");
    PaymentEvent e = event(adyen.map(item));
    assertEquals(new Card("mastercard", "1111", "H167852639363479", "credit", "apple_pay"), e.card());
    assertEquals(new Risk(RiskLevel.ELEVATED, 65, "AMBER"), e.risk());
  }

  @Test
  void anAdyenItemWithoutCardSummaryHasNoCard() {
    ObjectNode item = (ObjectNode) adyenItem();
    ObjectNode data = (ObjectNode) item.get("additionalData");
    data.remove("cardSummary");
    data.remove("fraudResultType");
    data.put("totalFraudScore", "120");
    PaymentEvent e = event(adyen.map(item));
    assertNull(e.card());
    assertEquals(new Risk(RiskLevel.HIGH, 120, null), e.risk(), "a total of 100 or more is fraud to Adyen");
  }

  @Test
  void theGenericFormatReadsAnOptionalCardAndRisk() {
    ObjectNode body = Requests.payment("evt-1", "o-1", "SUCCEEDED", 1000);
    assertNull(generic.event(body).card());
    body.putObject("card").put("brand", "Visa").put("last4", "4242").put("fingerprint", "fp_1");
    body.putObject("risk").put("level", "ELEVATED").put("score", 70);
    PaymentEvent e = generic.event(body);
    assertEquals(new Card("visa", "4242", "fp_1", null, null), e.card());
    assertEquals(new Risk(RiskLevel.ELEVATED, 70, "ELEVATED"), e.risk());
  }

  @Test
  void theGenericFormatRefusesAnythingButFourDigitsAsLast4() {
    for (String last4 : List.of("424", "42424", "4x42", "4111111111111111")) {
      ObjectNode body = Requests.payment("evt-1", "o-1", "SUCCEEDED", 1000);
      body.putObject("card").put("brand", "visa").put("last4", last4);
      JsonFields.Invalid invalid = assertThrows(JsonFields.Invalid.class, () -> generic.event(body), last4);
      assertEquals("card.last4", invalid.field());
      assertFalse(invalid.getMessage().contains(last4), "the value is not echoed");
    }
    ObjectNode noBrand = Requests.payment("evt-1", "o-1", "SUCCEEDED", 1000);
    noBrand.putObject("card").put("last4", "4242");
    noBrand.putObject("risk").put("level", "SCARY");
    JsonFields.Invalid invalid = assertThrows(JsonFields.Invalid.class, () -> generic.event(noBrand));
    assertEquals(List.of("card.brand", "risk.level"),
        invalid.errors().stream().map(JsonFields.FieldError::field).toList());
  }
}
