package payledger.audit;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.chain.ChainedEvent;
import payledger.chain.HashChain;
import payledger.money.Money;
import payledger.order.Fixtures;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.order.PaymentEventType;

/** What replaying one entity's stored rows finds, for each way a journal can be tampered with. */
class EntityVerifierTest {

  private static final String PID = "OrderLedger|order-1";
  private static final Instant T0 = Fixtures.T0;

  /** Five events, chained as the entity journals them. */
  private static List<JournalRow> journal() {
    List<OrderEvent> events = List.of(
        new OrderEvent.OrderRegistered("order-1", Fixtures.invoice(), T0),
        new OrderEvent.PaymentRecorded("order-1", Fixtures.event("e1", PaymentEventType.SUCCEEDED, 1000), T0),
        new OrderEvent.PaymentRecorded("order-1", Fixtures.event("e2", PaymentEventType.SUCCEEDED, 1000), T0),
        new OrderEvent.DisputeNoted("order-1", "PL-1", "DOUBLE_CHARGE", T0),
        new OrderEvent.PaymentRecorded("order-1", Fixtures.event("e3", PaymentEventType.SUCCEEDED, 1090), T0));
    List<JournalRow> rows = new ArrayList<>();
    String prev = null;
    for (int i = 0; i < events.size(); i++) {
      ChainedEvent chained = ChainedEvent.of(prev, events.get(i));
      rows.add(new JournalRow(PID, i + 1, T0, chained, null));
      prev = chained.hash();
    }
    return rows;
  }

  private static VerifiedEntity<OrderEvent, OrderState> verify(List<JournalRow> rows) {
    EntityVerifier<OrderEvent, OrderState> verifier = AuditedEntity.ORDERS.verifier("order-1");
    rows.forEach(verifier::accept);
    return verifier.result();
  }

  @Test
  void anUntouchedJournalVerifiesAndReplaysToTheEntityState() {
    var result = verify(journal());
    assertTrue(result.intact(), result.reason());
    assertEquals(5, result.events());
    assertEquals(((ChainedEvent) journal().get(4).payload()).hash(), result.lastHash());
    assertEquals(result.lastHash(), result.state().lastHash());
    assertEquals(new Money(3090, "EUR"),
        payledger.order.Reconciliation.totals(result.state().facts()).netPaid());
  }

  @Test
  void aChangedPayloadBreaksTheChainAtThatEvent() {
    List<JournalRow> rows = new ArrayList<>(journal());
    ChainedEvent c = (ChainedEvent) rows.get(2).payload();
    byte[] tampered = new String(c.payload(), StandardCharsets.UTF_8).replace("1000", "9000")
        .getBytes(StandardCharsets.UTF_8);
    rows.set(2, new JournalRow(PID, 3, T0, new ChainedEvent(c.type(), c.prevHash(), c.hash(), tampered), null));
    var result = verify(rows);
    assertEquals(3L, result.firstBadSeqNr());
    assertTrue(result.reason().contains("hash does not match"), result.reason());
    assertEquals(5, result.events(), "every row is still counted");
  }

  @Test
  void aRecomputedHashStillBreaksTheLinkToTheNextEvent() {
    List<JournalRow> rows = new ArrayList<>(journal());
    ChainedEvent c = (ChainedEvent) rows.get(1).payload();
    ChainedEvent forged = ChainedEvent.of(c.prevHash(), new OrderEvent.PaymentRecorded("order-1",
        Fixtures.event("e1", PaymentEventType.SUCCEEDED, 9000), T0));
    rows.set(1, new JournalRow(PID, 2, T0, forged, null));
    var result = verify(rows);
    assertEquals(3L, result.firstBadSeqNr());
    assertTrue(result.reason().contains("prevHash"), result.reason());
  }

  @Test
  void aDeletedEventIsReportedByItsSequenceNumber() {
    List<JournalRow> rows = new ArrayList<>(journal());
    rows.remove(1);
    assertEquals(2L, verify(rows).firstBadSeqNr());
    List<JournalRow> withoutFirst = new ArrayList<>(journal());
    withoutFirst.remove(0);
    assertEquals(1L, verify(withoutFirst).firstBadSeqNr());
  }

  @Test
  void anUndecodableOrDuplicatedRowIsABreak() {
    List<JournalRow> rows = new ArrayList<>(journal());
    rows.set(3, new JournalRow(PID, 4, T0, null, "CBOR parse error"));
    var undecodable = verify(rows);
    assertEquals(4L, undecodable.firstBadSeqNr());
    assertTrue(undecodable.reason().contains("does not deserialize"));

    List<JournalRow> twice = new ArrayList<>(journal());
    twice.add(2, twice.get(1));
    assertEquals(2L, verify(twice).firstBadSeqNr());
  }

  @Test
  void eventsFromBeforeTheChainAreReplayedAndCountedAsUnchained() {
    List<JournalRow> rows = new ArrayList<>();
    OrderEvent legacy = new OrderEvent.OrderRegistered("order-1", Fixtures.invoice(), T0);
    rows.add(new JournalRow(PID, 1, T0, legacy, null));
    OrderEvent next = new OrderEvent.DisputeNoted("order-1", "PL-1", "DOUBLE_CHARGE", T0);
    rows.add(new JournalRow(PID, 2, T0, ChainedEvent.of(HashChain.next(null, legacy), next), null));
    var result = verify(rows);
    assertTrue(result.intact(), result.reason());
    assertEquals(1, result.unchained());
  }
}
