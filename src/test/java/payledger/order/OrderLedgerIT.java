package payledger.order;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.Requests.DUE;
import static payledger.testing.Requests.order;
import static payledger.testing.Requests.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.Orders;
import payledger.testing.ApiClient.Reply;
import payledger.testing.LocalCassandraExtension;
import payledger.testing.SharedResources;
import payledger.testing.TestConfigs;
import payledger.testing.Ids;

/** Orders and payments over real HTTP into the real Cassandra journal, across a full restart. */
@ExtendWith(LocalCassandraExtension.class)
@ResourceLock(SharedResources.IT_KEYSPACE)
class OrderLedgerIT {

  private static final Config CONFIG =
      TestConfigs.service("pekko.persistence.cassandra.journal.keyspace = payledger_it");

  private final String orderId = Ids.unique("it");

  @Test
  void anOrderPaidOverHttpIsRecoveredFromCassandraAfterARestartAndStillDeduplicates() {
    ObjectNode half = payment("evt-" + orderId + "-1", orderId, "SUCCEEDED", 1000);
    ObjectNode rest = payment("evt-" + orderId + "-2", orderId, "SUCCEEDED", DUE - 1000);
    JsonNode before;

    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      awaitJournal(api);
      assertEquals(201, api.post("/v1/orders", order(orderId)).status());
      assertEquals("DISCREPANCY", api.post("/v1/payment-events", half).json().path("orderStatus").asText());
      assertEquals("RECONCILED", api.post("/v1/payment-events", rest).json().path("orderStatus").asText());
      before = api.get("/v1/orders/" + orderId).json();
      assertEquals(2, before.path("payments").size());
    }

    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      awaitJournal(api);
      Reply recovered = api.get("/v1/orders/" + orderId);
      assertEquals(200, recovered.status(), recovered.body());
      assertEquals(Orders.ledgerView(before), Orders.ledgerView(recovered.json()),
          "state recovered from the Cassandra journal");

      Reply redelivered = api.post("/v1/payment-events", half);
      assertEquals(200, redelivered.status(), redelivered.body());
      assertTrue(redelivered.json().path("duplicate").asBoolean());
      assertEquals(Orders.ledgerView(before), Orders.ledgerView(api.get("/v1/orders/" + orderId).json()),
          "no second effect");
    }
  }

  @Test
  void aPaymentBeforeItsOrderIsKeptAndReconciledWhenTheOrderArrives() {
    try (Service service = Service.start(CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort());
      awaitJournal(api);
      Reply early =
          api.post("/v1/payment-events", payment("evt-" + orderId, orderId, "SUCCEEDED", DUE));
      assertEquals(201, early.status(), early.body());
      assertEquals("UNLINKED", early.json().path("orderStatus").asText());

      Reply registered = api.post("/v1/orders", order(orderId));
      assertEquals(201, registered.status());
      assertEquals("RECONCILED", registered.json().path("status").asText());
      assertEquals(0, registered.json().path("discrepancies").size(), registered.body());
      assertTrue(registered.json().path("autoReconciled").asBoolean());
    }
  }

  /**
   * Right after a start the journal may still be connecting (or creating its tables): wait until a
   * read of an unknown order is answered 404 rather than 503.
   */
  private static void awaitJournal(ApiClient api) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (api.get("/v1/orders/journal-probe").status() == 503) {
      assertTrue(System.nanoTime() < deadline, "journal not ready within 60 s");
    }
  }
}
