package payledger.http;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import payledger.testing.GatewayFixtures;

/** What counts as a card number (refused) and what merely looks long (accepted). */
class CardDataTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "card 4242424242424242 exp 12/30",
      "5555555555554444", "378282246310005", "3782 822463 10005", "6011111111111117", "4000056655665556",
      "2223003122003222", "pan:4111111111111111;", "4012888888881881"})
  void aCardNumberIsFound(String text) {
    assertTrue(CardData.isPanIn(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "4111111111111112", "4111 11** **** 1111", "411111******1111", "8816178952380553", "1763806530123",
      "9999999999999995", "2026-11-22T10:15:30Z", "pi_3QpiA1LkdIwHu7ix1xR4vE9T", "+49 1512 3456789",
      "41111111111111111111", "4111 1111 1111 111", "order-1001", "411 1111 1111 1111 1"})
  void otherLongDigitRunsAreNotCards(String text) {
    assertFalse(CardData.isPanIn(text), text);
  }

  @org.junit.jupiter.api.Test
  void theFieldIsNamedAndNumbersCountToo() {
    assertEquals("a.b[1]", CardData.find(GatewayFixtures.json("{\"a\":{\"b\":[\"x\",\"4111111111111111\"]}}")).orElseThrow());
    assertEquals("n", CardData.find(GatewayFixtures.json("{\"n\":4111111111111111}")).orElseThrow());
    assertTrue(CardData.find(GatewayFixtures.json("{\"amount\":{\"value\":3090},\"created\":1763806530}")).isEmpty());
  }
}
