package payledger.load;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What support staff and finance do beside the gateway traffic: look an order up, open a customer
 * payment issue on it and work it to resolution (acknowledge, a note, resolve, read the timeline),
 * and read the queues and the reconciliation report. {@code -Drate} support sessions per second for
 * {@code -Dseconds}, alongside payment ingestion at {@code -DpaymentRate} events per second.
 */
public class SupportTrafficSimulation extends Simulation {

  {
    LoadSettings s = LoadSettings.fromSystemProperties();
    String support = "Bearer " + s.supportKey();
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    ScenarioBuilder agent = scenario("support")
        .exec(session -> session.set("orderId", "sp-" + s.runId() + "-" + session.userId())
            .set("customerId", "cust-" + session.userId() % 5000))
        .exec(http("register order").post("/v1/orders")
            .header("Authorization", "Bearer " + s.gatewayKey())
            .body(StringBody(session -> Payloads.order(
                session.getString("orderId"), session.getString("customerId"))))
            .check(status().in(200, 201)))
        .exec(http("get order").get("/v1/orders/#{orderId}").header("Authorization", support)
            .check(status().is(200)))
        .exec(http("open dispute").post("/v1/disputes").header("Authorization", support)
            .header("Idempotency-Key", "#{orderId}-issue")
            .body(StringBody("""
                {"orderId":"#{orderId}","customerId":"#{customerId}","category":"DOUBLE_CHARGE",
                 "description":"charged twice","actor":"agent-7"}"""))
            .check(status().is(201), jsonPath("$.id").saveAs("disputeId")))
        .exec(http("acknowledge").post("/v1/disputes/#{disputeId}/acknowledge")
            .header("Authorization", support).body(StringBody("{\"actor\":\"agent-7\"}"))
            .check(status().in(200, 201)))
        .exec(http("note").post("/v1/disputes/#{disputeId}/notes").header("Authorization", support)
            .body(StringBody("{\"actor\":\"agent-7\",\"text\":\"checked the gateway\"}"))
            .check(status().in(200, 201)))
        .exec(http("resolve").post("/v1/disputes/#{disputeId}/resolve").header("Authorization", support)
            .body(StringBody("{\"action\":\"NO_ACTION\",\"reason\":\"single charge\",\"actor\":\"agent-7\"}"))
            .check(status().in(200, 201)))
        .exec(http("get dispute").get("/v1/disputes/#{disputeId}").header("Authorization", support)
            .check(status().is(200)))
        .exec(http("list orders").get("/v1/orders?customerId=#{customerId}&limit=20")
            .header("Authorization", support).check(status().is(200)))
        .exec(http("dispute queue").get("/v1/disputes?state=OPEN&limit=20")
            .header("Authorization", support).check(status().is(200)))
        .exec(http("report").get("/v1/reports/reconciliation?from=" + today + "&to=" + today
                + "&granularity=day")
            .header("Authorization", support).check(status().is(200)));
    double paymentRate = Double.parseDouble(System.getProperty("paymentRate", "0"));
    SetUp setUp = paymentRate > 0
        ? setUp(agent.injectOpen(constantUsersPerSec(s.rate()).during(s.duration())),
            Ingestion.orders(s).injectOpen(
                constantUsersPerSec(paymentRate / LoadSettings.EVENTS_PER_ORDER).during(s.duration())))
        : setUp(agent.injectOpen(constantUsersPerSec(s.rate()).during(s.duration())));
    setUp.protocols(Ingestion.protocol(s));
    if (s.assertions()) {
      setUp.assertions(global().failedRequests().percent().lt(1.0),
          global().responseTime().percentile(99.0).lt(Integer.getInteger("p99Ms", 2000)));
    }
  }
}
