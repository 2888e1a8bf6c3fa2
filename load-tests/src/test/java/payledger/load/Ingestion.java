package payledger.load;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Instant;

/**
 * One virtual user is one order's life at the gateway door: the OMS registers the order, then the
 * gateways post its payment events, in a realistic mix — mostly a clean capture (generic or a signed
 * Stripe webhook), and some redeliveries, failures followed by a retry, partial payments and refunds.
 * 1.15 payment events per order on average ({@link LoadSettings#EVENTS_PER_ORDER}).
 */
final class Ingestion {

  static final String REGISTER = "register order";
  static final String EVENT = "payment event";
  static final String STRIPE = "stripe webhook";
  static final String BATCH = "payment event batch";

  private Ingestion() {}

  static HttpProtocolBuilder protocol(LoadSettings s) {
    return http.baseUrl(s.baseUrl())
        .acceptHeader("application/json")
        .contentTypeHeader("application/json")
        .shareConnections();
  }

  static ScenarioBuilder orders(LoadSettings s) {
    return scenario("payment ingestion")
        .exec(session -> session.set("orderId", "ld-" + s.runId() + "-" + session.userId())
            .set("occurredAt", Instant.now().toString()))
        .exec(recorded(REGISTER, http(REGISTER).post("/v1/orders")
            .header("Authorization", "Bearer " + s.gatewayKey())
            .body(StringBody(session -> Payloads.order(orderId(session), "cust-" + session.userId() % 5000)))))
        .randomSwitch().on(
            percent(70.0).then(pay(s, "a", "p1", "SUCCEEDED", Payloads.DUE, true)),
            percent(10.0).then(stripe(s)),
            percent(5.0).then(pay(s, "a", "p1", "SUCCEEDED", Payloads.DUE, true)
                .exec(pay(s, "a", "p1", "SUCCEEDED", Payloads.DUE, false))), // a redelivery: 200, no effect
            percent(5.0).then(pay(s, "f", "p1", "FAILED", Payloads.DUE, false)
                .exec(pay(s, "a", "p2", "SUCCEEDED", Payloads.DUE, true))),
            percent(5.0).then(pay(s, "a", "p1", "SUCCEEDED", 1000, false)), // partial: no receipt
            percent(5.0).then(pay(s, "a", "p1", "SUCCEEDED", Payloads.DUE, true)
                .exec(pay(s, "r", "p1", "REFUNDED", 500, false))));
  }

  /**
   * Gateways that batch: a virtual user registers {@code batch} orders, one request each, then posts
   * one clean capture for each of them in a single {@code POST /v1/payment-events/batch}. Every
   * item the batch accepted counts as an acknowledged payment event, at the batch's latency (and,
   * the answer not saying which, the first {@code accepted} orders as paid).
   */
  static ScenarioBuilder batches(LoadSettings s) {
    return scenario("payment ingestion in batches")
        .exec(session -> session.set("orderId", "ld-" + s.runId() + "-" + session.userId())
            .set("occurredAt", Instant.now().toString()))
        .repeat(s.batch(), "item").on(recorded(REGISTER, http(REGISTER).post("/v1/orders")
            .header("Authorization", "Bearer " + s.gatewayKey())
            .body(StringBody(session -> Payloads.order(
                orderId(session) + "-" + session.getInt("item"), "cust-" + session.userId() % 5000)))))
        .exec(http(BATCH).post("/v1/payment-events/batch")
            .header("Authorization", "Bearer " + s.gatewayKey())
            .body(StringBody(session -> Payloads.captures(orderId(session), s.batch(),
                session.getString("occurredAt"))))
            .check(responseTimeInMillis().saveAs("rt"), status().is(200),
                jsonPath("$.accepted").ofInt().saveAs("accepted")))
        .exec(session -> {
          int accepted = session.contains("accepted") ? session.getInt("accepted") : 0;
          long millis = session.contains("rt") ? session.getLong("rt") : 0;
          for (int i = 0; i < s.batch(); i++) {
            Recorder.record(EVENT, i < accepted ? 201 : -1, millis);
            if (i < accepted) {
              Settlements.settled(orderId(session) + "-" + i);
            }
          }
          return session.remove("accepted").remove("rt");
        });
  }

  /** @param settles whether a 2xx pays the order in full (and so should bring its receipt) */
  private static ChainBuilder pay(LoadSettings s, String event, String payment, String type, long amount,
      boolean settles) {
    return recorded(EVENT, settles, http(EVENT).post("/v1/payment-events")
        .header("Authorization", "Bearer " + s.gatewayKey())
        .body(StringBody(session -> Payloads.event(
            orderId(session) + "-" + event, orderId(session), orderId(session) + "-" + payment, type,
            amount, session.getString("occurredAt")))));
  }

  private static ChainBuilder stripe(LoadSettings s) {
    return exec(session -> session.set("stripeBody", Payloads.stripeSucceeded(
            "evt_" + orderId(session), orderId(session), "pi_" + orderId(session), Payloads.DUE)))
        .exec(recorded(STRIPE, true, http(STRIPE).post("/v1/gateways/stripe/webhook")
            .header("Stripe-Signature", session -> Payloads.stripeSignature(
                s.stripeSecret(), session.getString("stripeBody")))
            .body(StringBody(session -> session.getString("stripeBody")))));
  }

  /** The request, answered 200 or 201, with its outcome and latency also kept in {@link Recorder}. */
  static ChainBuilder recorded(String name, HttpRequestActionBuilder request) {
    return recorded(name, false, request);
  }

  /** … and, when it {@code settles} the order and was answered 2xx, the time in {@link Settlements}. */
  private static ChainBuilder recorded(String name, boolean settles, HttpRequestActionBuilder request) {
    return exec(request.check(responseTimeInMillis().saveAs("rt"), status().saveAs("st"),
            status().in(200, 201)))
        .exec(session -> {
          int status = session.contains("st") ? session.getInt("st") : -1;
          Recorder.record(name, status, session.contains("rt") ? session.getLong("rt") : 0);
          if (settles && (status == 200 || status == 201)) {
            Settlements.settled(orderId(session));
          }
          return session.remove("st").remove("rt");
        });
  }

  private static String orderId(Session session) {
    return session.getString("orderId");
  }
}
