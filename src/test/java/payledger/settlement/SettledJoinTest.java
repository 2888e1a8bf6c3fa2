package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import payledger.money.Money;
import payledger.order.PaymentEventType;

class SettledJoinTest {

  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void aDaysPaymentsLessItsSettledEventsStreamInOrder() throws Exception {
    List<LedgerPayment> day = List.of(p("a", "k1"), p("a", "k2"), p("b", "k1"), p("c", "k1"), p("d", "k1"));
    List<SettledJoin.Item> settled = List.of(SettledJoin.Item.settled("a", "k2"),
        SettledJoin.Item.settled("b", "k1"), SettledJoin.Item.settled("bb", "k1"),
        SettledJoin.Item.settled("d", "k1"), SettledJoin.Item.settled("e", "k1"));
    List<LedgerPayment> unsettled = SettledJoin.unsettled(
            Source.from(day).map(SettledJoin.Item::payment), Source.from(settled))
        .runWith(Sink.seq(), KIT.system()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(List.of(day.get(0), day.get(3)), unsettled);
  }

  @Test
  void textIsOrderedByCodePointAsCassandraOrdersUtf8() {
    assertEquals(-1, Integer.signum(SettledJoin.byCodePoint("a", "ab")));
    assertEquals(1, Integer.signum(SettledJoin.byCodePoint("b", "ab")));
    assertEquals(0, SettledJoin.byCodePoint("pi_1", "pi_1"));
    // U+FF21 sorts before U+1F600 in UTF-8 bytes, after its surrogates in UTF-16
    assertEquals(-1, Integer.signum(SettledJoin.byCodePoint("\uFF21", "\uD83D\uDE00")));
  }

  private static LedgerPayment p(String paymentId, String eventKey) {
    return new LedgerPayment("adyen", paymentId, eventKey, "order-" + paymentId, PaymentEventType.SUCCEEDED,
        new Money(100, "EUR"), "card", Instant.parse("2026-11-02T08:00:00Z"));
  }
}
