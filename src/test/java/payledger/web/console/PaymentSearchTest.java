package payledger.web.console;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which (gateway, payment id) keys a console search term is looked up under. */
class PaymentSearchTest {

  @Test
  void aBareIdIsLookedUpUnderTheGatewaysWithWebhooksOfTheirOwn() {
    assertEquals(List.of(new PaymentSearch.Key("stripe", "pi_3NxTestAbc"),
        new PaymentSearch.Key("adyen", "pi_3NxTestAbc")), PaymentSearch.keys("pi_3NxTestAbc"));
    assertEquals(List.of(new PaymentSearch.Key("stripe", "QFQTPCQ8HXSKGK82"),
        new PaymentSearch.Key("adyen", "QFQTPCQ8HXSKGK82")), PaymentSearch.keys("QFQTPCQ8HXSKGK82"));
  }

  @Test
  void anyOtherGatewayIsNamedBeforeAColon() {
    assertEquals(new PaymentSearch.Key("testpay", "pay-abc"), PaymentSearch.keys("testpay:pay-abc").get(0));
  }

  @Test
  void wordsAndAddressesAreNoPaymentIds() {
    assertTrue(PaymentSearch.keys("two words").isEmpty());
    assertTrue(PaymentSearch.keys("ada@example.com").isEmpty());
    assertTrue(PaymentSearch.keys("ab").isEmpty());
  }
}
