package payledger.readmodel;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;
import payledger.money.Money;
import payledger.order.Discrepancy;
import payledger.order.DiscrepancyType;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.OrderLedger;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.order.Resolution;

/**
 * The order projection's KPI tallies (KpiTallies) on an in-memory store: they always equal the
 * summary of the facts (what the former aggregator computed from them), however often groups are
 * redelivered, after a crash between the tallies' batch and the folds, and after a replay from
 * offset zero; and each group writes one batch.
 */
class KpiTalliesTest {

  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
  private static final String DAY = "2026-11-22";
  private static final String TAG = OrderLedger.TAGS.get(0);

  private final MemoryKpiStore store = new MemoryKpiStore();
  private long offset;

  @Test
  void eachGroupIsOneBatchAndTheTalliesEqualTheSummaryOfTheFacts() throws Exception {
    List<List<EventEnvelope<OrderEvent>>> groups = day(ordersOfTag(20));
    OrderProjectionHandler handler = handler();
    for (List<EventEnvelope<OrderEvent>> group : groups) {
      process(handler, group);
    }
    assertEquals(1 + groups.size(), store.batches,
        "the tag's start (its head: no facts to start from), then one single-partition batch per group");
    Tally tallied = store.day(DAY);
    assertEquals(store.summaryOfFacts(DAY), tallied);
    assertEquals(20, tallied.count(KpiCatalog.ORDERS.name()));
    assertEquals(30, tallied.count(KpiCatalog.PAYMENTS.name()), "20 full payments, 10 partial ones first");
    assertEquals(10, tallied.count(KpiCatalog.DISCREPANCIES.name()));
    assertFalse(tallied.openDue().isEmpty(), "the open discrepancies' deadlines are kept");
  }

  @Test
  void aRedeliveredGroupAddsNothing() throws Exception {
    List<List<EventEnvelope<OrderEvent>>> groups = day(ordersOfTag(6));
    OrderProjectionHandler handler = handler();
    for (List<EventEnvelope<OrderEvent>> group : groups) {
      process(handler, group);
      process(handler, group); // the same instance, the group again
    }
    int batches = store.batches;
    Tally once = store.day(DAY);
    // a new instance (a restart before the offset was saved) is handed the last group again
    process(handler(), groups.get(groups.size() - 1));
    assertEquals(once, store.day(DAY));
    assertEquals(store.summaryOfFacts(DAY), once);
    assertEquals(batches, store.batches, "nothing to write");
  }

  @Test
  void aReplayFromOffsetZeroAddsNothing() throws Exception {
    List<List<EventEnvelope<OrderEvent>>> groups = day(ordersOfTag(6));
    for (List<EventEnvelope<OrderEvent>> group : groups) {
      process(handler(), group);
    }
    Tally once = store.day(DAY);
    int batches = store.batches;
    List<EventEnvelope<OrderEvent>> all = groups.stream().flatMap(List::stream).toList();
    process(handler(), all);
    assertEquals(once, store.day(DAY));
    assertEquals(batches, store.batches);
  }

  @Test
  void aCrashBetweenTheTalliesAndTheFoldsCountsOnce() throws Exception {
    List<List<EventEnvelope<OrderEvent>>> groups = day(ordersOfTag(6));
    OrderProjectionHandler handler = handler();
    process(handler, groups.get(0));
    store.failNextFolds = true;
    assertThrows(Exception.class, () -> process(handler, groups.get(1)));
    // The restarted stream redelivers from the last saved offset, grouped differently: the failed
    // group together with the next one.
    List<EventEnvelope<OrderEvent>> redelivered = new ArrayList<>(groups.get(1));
    redelivered.addAll(groups.get(2));
    process(handler, redelivered);
    for (List<EventEnvelope<OrderEvent>> group : groups.subList(3, groups.size())) {
      process(handler, group);
    }
    Tally tallied = store.day(DAY);
    assertEquals(store.summaryOfFacts(DAY), tallied);
    assertEquals(6, tallied.count(KpiCatalog.ORDERS.name()));
    assertEquals(9, tallied.count(KpiCatalog.PAYMENTS.name()));
  }

  @Test
  void aTagWithoutTalliesStartsThemFromItsFactsOnce() throws Exception {
    List<String> ids = ordersOfTag(4);
    List<List<EventEnvelope<OrderEvent>>> groups = day(ids);
    for (List<EventEnvelope<OrderEvent>> group : groups.subList(0, 2)) {
      process(handler(), group);
    }
    // A keyspace of the version before tallies: facts, no tallies.
    store.tallies.clear();
    store.heads.clear();
    // (and a fact of another tag's order, which this tag does not count)
    KpiFact foreign = KpiFacts.of(payledger.order.OrderState.empty(otherTagOrder())
        .apply(new OrderEvent.OrderRegistered(otherTagOrder(), invoice(), T))).get(0);
    store.facts.put(foreign.key(), foreign);
    for (List<EventEnvelope<OrderEvent>> group : groups.subList(2, groups.size())) {
      process(handler(), group);
    }
    Tally tallied = store.day(DAY);
    assertEquals(4, tallied.count(KpiCatalog.ORDERS.name()));
    assertEquals(store.summaryOfFacts(DAY).minus(KpiSummary.of(List.of(foreign)).values().iterator().next()),
        tallied);
    assertNotNull(store.heads.get(TAG).since(), "started once");
  }

  @Test
  void aCaseMovesToItsOrdersAttributionAndCasesOfOneGroupAllCount() throws Exception {
    String tag = payledger.dispute.Dispute.TAGS.get(0);
    List<String> ids = new ArrayList<>();
    for (char c = 'a'; ids.size() < 3; c++) {
      if (payledger.dispute.Dispute.tagFor("PL-TALLY" + c).equals(tag)) {
        ids.add("PL-TALLY" + c);
      }
    }
    DisputeProjectionHandler handler = new DisputeProjectionHandler(store, store, "test-disputes", tag);
    List<EventEnvelope<payledger.dispute.DisputeEvent>> opened = new ArrayList<>();
    for (String id : ids) {
      payledger.dispute.CaseDetails details = new payledger.dispute.CaseDetails("o-" + id, "c1",
          payledger.dispute.DisputeCategory.DOUBLE_CHARGE, "twice", null,
          payledger.dispute.CaseDetails.Source.SUPPORT, null, null, null, "agent");
      opened.add(EventEnvelope.create(Sequence.apply(++offset), "Dispute|" + id, 1,
          new payledger.dispute.DisputeEvent.Opened(id, details, T.plusSeconds(3600), T.plus(Duration.ofHours(48)),
              null, T), 0L));
    }
    handler.process(opened).toCompletableFuture().get(10, TimeUnit.SECONDS); // three cases at once
    assertEquals(3, store.day(DAY).count(KpiCatalog.CASES.name()));
    assertEquals(Set.of(ReadModelStore.Dims.NONE), dimsOf(DAY));

    // The order's payment method becomes known: the case's next event moves it there.
    store.dims = new ReadModelStore.Dims("card", "adyen");
    handler.process(List.of(EventEnvelope.create(Sequence.apply(++offset), "Dispute|" + ids.get(0), 2,
        new payledger.dispute.DisputeEvent.ActionTaken(ids.get(0), payledger.dispute.Lifecycle.Action.ACKNOWLEDGE,
            "agent", null, T.plusSeconds(600)), 0L))).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(3, store.day(DAY).count(KpiCatalog.CASES.name()));
    assertEquals(Set.of(ReadModelStore.Dims.NONE, new ReadModelStore.Dims("card", "adyen")), dimsOf(DAY));
    assertEquals(store.summaryOfFacts(DAY), store.day(DAY));
  }

  private Set<ReadModelStore.Dims> dimsOf(String day) {
    return store.daily(java.time.LocalDate.parse(day)).toCompletableFuture().join().stream()
        .map(KpiStore.Daily::dims).collect(java.util.stream.Collectors.toSet());
  }

  /**
   * Per order: registered; half the orders paid in part (UNDERPAYMENT opened, so a deadline is
   * open) and then in full (the discrepancy resolved); the rest paid in full. Groups of a few
   * orders' events, in the order they happened.
   */
  private List<List<EventEnvelope<OrderEvent>>> day(List<String> ids) {
    List<EventEnvelope<OrderEvent>> events = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      Instant at = T.plusSeconds(60L * i);
      long seqNr = 0;
      events.add(envelope(id, ++seqNr, new OrderEvent.OrderRegistered(id, invoice(), at)));
      if (i % 2 == 0) {
        events.add(envelope(id, ++seqNr, new OrderEvent.PaymentRecorded(id, payment(id, "p", 400), at.plusSeconds(5))));
        events.add(envelope(id, ++seqNr, new OrderEvent.DiscrepancyOpened(id, new Discrepancy("D1",
            DiscrepancyType.UNDERPAYMENT, "order", new Money(1000, "EUR"), new Money(400, "EUR"), List.of(),
            "short", at.plusSeconds(5), at.plus(Duration.ofHours(24)), at.plus(Duration.ofHours(48)),
            null, null, null, null))));
        events.add(envelope(id, ++seqNr, new OrderEvent.PaymentRecorded(id, payment(id, "q", 600), at.plusSeconds(30))));
        events.add(envelope(id, ++seqNr, new OrderEvent.DiscrepancyResolved(id, "D1", Resolution.AUTO_MATCHED,
            "system", null, at.plusSeconds(30))));
      } else {
        events.add(envelope(id, ++seqNr, new OrderEvent.PaymentRecorded(id, payment(id, "p", 1000), at.plusSeconds(5))));
      }
    }
    // interleaved as a tag delivers them: by time, several orders per group
    events.sort(java.util.Comparator.comparing(e -> at(e.event())));
    List<List<EventEnvelope<OrderEvent>>> groups = new ArrayList<>();
    for (int i = 0; i < events.size(); i += 3) {
      groups.add(events.subList(i, Math.min(i + 3, events.size())));
    }
    return groups;
  }

  private static Instant at(OrderEvent e) {
    if (e instanceof OrderEvent.OrderRegistered r) {
      return r.registeredAt();
    } else if (e instanceof OrderEvent.PaymentRecorded p) {
      return p.recordedAt();
    } else if (e instanceof OrderEvent.DiscrepancyOpened d) {
      return d.discrepancy().detectedAt().plusMillis(1);
    } else if (e instanceof OrderEvent.DiscrepancyResolved r) {
      return r.resolvedAt().plusMillis(1);
    }
    return T;
  }

  private OrderProjectionHandler handler() {
    return new OrderProjectionHandler(store, store, "test-orders", TAG, List.of());
  }

  private static void process(OrderProjectionHandler handler, List<EventEnvelope<OrderEvent>> group)
      throws Exception {
    handler.process(group).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private EventEnvelope<OrderEvent> envelope(String id, long seqNr, OrderEvent event) {
    return EventEnvelope.create(Sequence.apply(++offset), "OrderLedger|" + id, seqNr, event, 0L);
  }

  private static Invoice invoice() {
    return new Invoice("c1", "c@example.com", "EUR",
        List.of(new Invoice.LineItem("SKU", "Mug", 1, 1000)), 0, List.of(), List.of(), null);
  }

  private static PaymentEvent payment(String orderId, String key, long amount) {
    return new PaymentEvent("ev-" + orderId + key, "adyen", PaymentEventType.SUCCEEDED, orderId,
        "psp-" + orderId + key, new Money(amount, "EUR"), "card", T, "c1", null);
  }

  /** Order ids of this test's tag (letters only). */
  private static List<String> ordersOfTag(int n) {
    List<String> ids = new ArrayList<>();
    for (char a = 'a'; ids.size() < n; a++) {
      for (char b = 'a'; b <= 'z' && ids.size() < n; b++) {
        String id = "tally-" + a + b;
        if (OrderLedger.tagFor(id).equals(TAG)) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  private static String otherTagOrder() {
    for (char a = 'a'; ; a++) {
      if (!OrderLedger.tagFor("other-" + a).equals(TAG)) {
        return "other-" + a;
      }
    }
  }

}
