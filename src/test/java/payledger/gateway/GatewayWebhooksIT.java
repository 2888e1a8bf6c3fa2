package payledger.gateway;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.GatewayFixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

/**
 * Gateway deliveries into the real Cassandra journal: concurrent redeliveries have one effect, and a
 * redelivery after a full restart is still recognised (dedup lives in the journal, not in memory).
 */
@ExtendWith(LocalCassandraExtension.class)
@ResourceLock(SharedResources.IT_KEYSPACE)
class GatewayWebhooksIT {

  private static final Config SERVICE_CONFIG =
      TestConfigs.service("pekko.persistence.cassandra.journal.keyspace = payledger_it\n" + CONFIG);

  private final String orderId = Ids.unique("it-gw");

  private static Reply stripeDelivery(ApiClient api, String payload) {
    String signature = stripeSignature(STRIPE_SECRET, System.currentTimeMillis() / 1000, payload);
    return api.post("/v1/gateways/stripe/webhook", "application/json",
        payload.getBytes(StandardCharsets.UTF_8), "Stripe-Signature", signature);
  }

  private static Reply adyenDelivery(ApiClient api, String batch) {
    return api.post("/v1/gateways/adyen/notifications", "application/json", batch.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void gatewayEventsAreRecordedOnceEvenWhenRedeliveredConcurrentlyAndAfterARestart() throws Exception {
    String stripeEvent = stripe("payment_intent.succeeded", orderId, Ids.unique("evt_it_"));
    String adyenBatch = adyen(orderId, List.<String[]>of(
        new String[] {"REFUND", "true", "8816178952380999", "1000", "8816178952380553"}), ADYEN_KEY);
    JsonNode before;

    try (Service service = Service.start(SERVICE_CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort()).withKey(null);
      api.awaitJournal();
      ExecutorService pool = Executors.newFixedThreadPool(10);
      List<Future<Reply>> deliveries = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        deliveries.add(pool.submit(() -> stripeDelivery(api, stripeEvent)));
      }
      int created = 0;
      for (Future<Reply> delivery : deliveries) {
        int status = delivery.get().status();
        assertTrue(status == 200 || status == 201, "status " + status);
        created += status == 201 ? 1 : 0;
      }
      pool.shutdown();
      assertEquals(1, created);
      assertEquals(200, adyenDelivery(api, adyenBatch).status());
      before = api.withKey(ApiClient.SUPPORT_KEY).get("/v1/orders/" + orderId).json();
      assertEquals(2, before.path("payments").size());
    }

    try (Service service = Service.start(SERVICE_CONFIG, Clock.systemUTC())) {
      ApiClient api = new ApiClient(service.httpPort()).withKey(null);
      api.awaitJournal();
      Reply again = stripeDelivery(api, stripeEvent);
      assertEquals(200, again.status(), again.body());
      assertTrue(again.json().path("duplicate").asBoolean());
      assertEquals(200, adyenDelivery(api, adyenBatch).status());
      assertEquals(Orders.ledgerView(before),
          Orders.ledgerView(api.withKey(ApiClient.SUPPORT_KEY).get("/v1/orders/" + orderId).json()), "no second effect");
    }
  }
}
