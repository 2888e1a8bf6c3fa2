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
      "2223003122003222", "pan:4111111111111111;", "4012888888881881", "411 1111 1111 1111 1"})
  void aCardNumberIsFound(String text) {
    assertTrue(CardData.isPanIn(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "4111111111111112", "4111 11** **** 1111", "411111******1111", "8816178952380553", "1763806530123",
      "9999999999999995", "2026-11-22T10:15:30Z", "pi_3QpiA1LkdIwHu7ix1xR4vE9T", "+49 1512 3456789",
      "41111111111111111111", "4111 1111 1111 111", "order-1001", "DE89 3704 0044 0532 0130 00", "DE37 3466 1099 0695 8483 04",
      "2026-11-22 10:15:30", "1763806530123 ms"})
  void otherLongDigitRunsAreNotCards(String text) {
    assertFalse(CardData.isPanIn(text), text);
  }

  @org.junit.jupiter.api.Test
  void theFieldIsNamedAndNumbersCountToo() {
    assertEquals("a.b[1]", CardData.find(GatewayFixtures.json("{\"a\":{\"b\":[\"x\",\"4111111111111111\"]}}")).orElseThrow());
    assertEquals("n", CardData.find(GatewayFixtures.json("{\"n\":4111111111111111}")).orElseThrow());
    assertTrue(CardData.find(GatewayFixtures.json("{\"amount\":{\"value\":3090},\"created\":1763806530}")).isEmpty());
  }

  /** The same card number written every way a person or a form might: all are found. */
  @ParameterizedTest
  @ValueSource(strings = {
      "4111.1111.1111.1111", "4111/1111/1111/1111", "4111\t1111\t1111\t1111", "4111\u00a01111\u00a01111\u00a01111",
      "4111 - 1111 - 1111 - 1111", "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "41-11-11-11-11-11-11-11",
      "4111\u200b1111\u200b1111\u200b1111", "4111\u20131111\u20131111\u20131111", "4111_1111_1111_1111",
      "\uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11",
      "\u0664\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 \u0661\u0661\u0661\u0661",
      "\u096a\u0967\u0967\u0967-\u0967\u0967\u0967\u0967-\u0967\u0967\u0967\u0967-\u0967\u0967\u0967\u0967",
      "card 4111 1111 1111 1111 12/30", "ref 77 4111 1111 1111 1111"})
  void aDisguisedCardNumberIsFound(String text) {
    assertTrue(CardData.isPanIn(text), text);
  }

  /** Luhn-valid numbers of schemes beyond 2-6: UATP (1, 15 digits), UnionPay (81), Troy (9792). */
  @ParameterizedTest
  @ValueSource(strings = {"122000000000003", "8171999927660000", "8171 9999 2766 0000", "9792131234567895",
      "6200000000000005", "6062826786276634", "3566002020360505", "30569309025904", "5019717010103742"})
  void otherSchemesAreFound(String text) {
    assertTrue(CardData.isPanIn(text), text);
  }

  /**
   * Luhn-valid merchant ids outside every scheme's range or length: a Visa prefix with 17 or 18
   * digits, 31-33, 35 below JCB, 2 outside Mir and Mastercard, Mastercard's 51-55 with 19 digits.
   */
  @ParameterizedTest
  @ValueSource(strings = {"41111111111111113", "411111111111111118", "31000000000000005",
      "3300000000000001", "3500000000000009", "2100000000000005", "2800000000000008",
      "5100000000000000003", "400000000000006"})
  void luhnValidIdsOutsideTheSchemesAreNotCards(String text) {
    assertTrue(CardData.luhn(text), "the fixture passes Luhn: " + text);
    assertFalse(CardData.isPanIn(text), text);
  }

  @org.junit.jupiter.api.Test
  void aCardNumberWrittenAsADecimalIsFound() {
    assertEquals("n", CardData.find(GatewayFixtures.json("{\"n\":4111111111111111.0}")).orElseThrow());
    assertTrue(CardData.find(GatewayFixtures.json("{\"n\":1e400,\"m\":-1e-400,\"o\":4111111111111111.5}")).isEmpty());
  }
}
