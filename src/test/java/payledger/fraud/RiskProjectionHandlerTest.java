package payledger.fraud;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;
import payledger.money.Money;
import payledger.order.Invoice;
import payledger.order.OrderEvent;
import payledger.order.PaymentEvent;
import payledger.order.PaymentEventType;
import payledger.testing.MemoryRiskStore;

/**
 * The fraud-risk handler takes a group in three rounds of requests; how the events fall into groups
 * changes nothing: one event per group, all in one, or groups of three give the same assessments
 * and histories, and a group reads each subject's history once.
 */
class RiskProjectionHandlerTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  /** No case is opened here (that needs the cluster): the case score is out of reach. */
  private static final FraudSettings SETTINGS = FraudSettings.from(
      ConfigFactory.parseString("payledger.fraud.case-score = 1000").withFallback(ConfigFactory.load()));

  @Test
  void groupingChangesNoAssessmentAndAGroupReadsEachHistoryOnce() throws Exception {
    List<EventEnvelope<OrderEvent>> events = events();

    MemoryRiskStore single = run(events, 1);
    MemoryRiskStore whole = run(events, events.size());
    MemoryRiskStore threes = run(events, 3);

    assertTrue(single.assessments.values().stream().anyMatch(a -> !a.reasons().isEmpty()),
        "some rule fired: " + single.assessments);
    assertEquals(single.assessments, whole.assessments);
    assertEquals(single.assessments, threes.assessments);
    assertEquals(single.histories, whole.histories);
    assertEquals(single.histories, threes.histories);
    assertEquals(List.of("c:cust-1", "e:ada@example.com", "c:cust-2", "e:bob@example.com"),
        whole.historyReads, "each subject once in one group");

    // A redelivered group adds nothing.
    MemoryRiskStore again = run(events, events.size());
    handler(again).process(events).toCompletableFuture().get();
    assertEquals(whole.assessments, again.assessments);
    assertEquals(whole.histories, again.histories);
  }

  /** Two customers' orders, each registered, then eight failed attempts and a success, interleaved. */
  private static List<EventEnvelope<OrderEvent>> events() {
    List<OrderEvent> journal = new ArrayList<>();
    String[][] customers = {{"cust-1", "ada@example.com"}, {"cust-2", "bob@example.com"}};
    for (String[] c : customers) {
      journal.add(new OrderEvent.OrderRegistered("order-" + c[0], new Invoice(c[0], c[1], "EUR",
          List.of(new Invoice.LineItem("MUG", "Mug", 1, 2500, null)), 0, List.of(), List.of(), null), T0));
    }
    for (int i = 0; i < 9; i++) {
      for (String[] c : customers) {
        PaymentEventType type = i < 8 ? PaymentEventType.FAILED : PaymentEventType.SUCCEEDED;
        String order = "order-" + c[0];
        journal.add(new OrderEvent.PaymentRecorded(order, new PaymentEvent("evt-" + c[0] + "-" + i,
            "stripe", type, order, "pi_" + c[0] + "_" + i, new Money(i < 8 ? 100 : 2500, "EUR"),
            "card", T0.plusSeconds(20L * i), c[0], i < 8 ? "card_declined" : null), T0.plusSeconds(20L * i)));
      }
    }
    List<EventEnvelope<OrderEvent>> out = new ArrayList<>();
    for (int i = 0; i < journal.size(); i++) {
      OrderEvent e = journal.get(i);
      out.add(EventEnvelope.create(Offset.sequence(i + 1), "OrderLedger|" + e.orderId(), i + 1, e,
          T0.plusSeconds(i).toEpochMilli()));
    }
    return out;
  }

  private static MemoryRiskStore run(List<EventEnvelope<OrderEvent>> events, int groupSize)
      throws Exception {
    MemoryRiskStore store = new MemoryRiskStore();
    RiskProjectionHandler handler = handler(store);
    for (int from = 0; from < events.size(); from += groupSize) {
      store.historyReads.clear();
      handler.process(events.subList(from, Math.min(events.size(), from + groupSize)))
          .toCompletableFuture().get();
    }
    return store;
  }

  private static RiskProjectionHandler handler(MemoryRiskStore store) {
    return new RiskProjectionHandler(store, new RiskAssessor(SETTINGS), new FraudCases(null, null), "test");
  }
}
