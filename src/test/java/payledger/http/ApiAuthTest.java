package payledger.http;

import static org.junit.jupiter.api.Assertions.*;
import static payledger.testing.Requests.order;
import static payledger.testing.Requests.payment;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.Service;
import payledger.testing.ApiClient;
import payledger.testing.ApiClient.Reply;
import payledger.testing.TestConfigs;

/** API keys and roles over every keyed route: 401 without a known key, 403 for the wrong role. */
class ApiAuthTest {

  private static Service service;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    service = Service.start(TestConfigs.inMemory(""), Clock.systemUTC());
    api = new ApiClient(service.httpPort());
    api.post("/v1/orders", order("auth-1"));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private record Route(String name, BiFunction<ApiClient, Integer, Reply> call, List<String> allowed) {}

  private static final List<Route> ROUTES = List.of(
      new Route("POST /v1/orders", (c, i) -> c.post("/v1/orders", order("auth-new-" + i)),
          List.of("gateway", "support", "admin")),
      new Route("GET /v1/orders/{id}", (c, i) -> c.get("/v1/orders/auth-1"), List.of("support", "auditor", "admin")),
      new Route("POST /v1/payment-events",
          (c, i) -> c.post("/v1/payment-events", payment("evt-auth-" + i, "auth-1", "SUCCEEDED", 1)),
          List.of("gateway", "admin")),
      new Route("POST /v1/payment-events/batch",
          (c, i) -> c.post("/v1/payment-events/batch", ApiClient.JSON.createObjectNode().set("events",
              ApiClient.JSON.createArrayNode().add(payment("evt-authb-" + i, "auth-1", "SUCCEEDED", 1)))),
          List.of("gateway", "admin")));

  private static final Map<String, String> KEYS = Map.of(
      "gateway", ApiClient.GATEWAY_KEY, "support", ApiClient.SUPPORT_KEY,
      "auditor", ApiClient.AUDITOR_KEY, "admin", ApiClient.ADMIN_KEY);

  @Test
  void everyRoleGetsExactlyTheRoutesItIsAllowed() {
    int n = 0;
    for (Route route : ROUTES) {
      for (Map.Entry<String, String> role : KEYS.entrySet()) {
        Reply reply = route.call().apply(api.withKey(role.getValue()), n++);
        if (route.allowed().contains(role.getKey())) {
          assertTrue(reply.status() < 300, route.name() + " as " + role.getKey() + ": " + reply.status() + " " + reply.body());
        } else {
          assertEquals(403, reply.status(), route.name() + " as " + role.getKey());
          assertTrue(reply.isProblem());
        }
      }
    }
  }

  @Test
  void noKeyOrAnUnknownKeyIs401WithABearerChallenge() {
    int n = 1000;
    for (Route route : ROUTES) {
      for (String key : new String[] {null, "not-a-key", "dev-admin-keyx", "Basic ZGV2LWFkbWluLWtleQ=="}) {
        Reply reply = route.call().apply(api.withKey(key), n++);
        assertEquals(401, reply.status(), route.name() + " with " + key);
        assertTrue(reply.isProblem());
        assertTrue(reply.wwwAuthenticate().startsWith("Bearer"), reply.wwwAuthenticate());
      }
    }
  }

  @Test
  void theDevKeysAreOffWhenProductionTurnsThemOff() {
    try (Service production = Service.start(
        TestConfigs.inMemory("payledger.auth.dev-keys-enabled = false"), Clock.systemUTC())) {
      assertEquals(401, new ApiClient(production.httpPort()).get("/v1/orders/auth-1").status());
    }
  }

  @Test
  void webhooksAndTheOpenApiDocumentNeedNoKey() {
    ApiClient anonymous = api.withKey(null);
    Reply spec = anonymous.get("/openapi.yaml");
    assertEquals(200, spec.status());
    assertTrue(spec.contentType().startsWith("application/yaml"));
    assertNotEquals(401, anonymous.post("/v1/gateways/stripe/webhook", "{}").status());
    assertNotEquals(401, anonymous.post("/v1/gateways/adyen/notifications", "{}").status());
  }
}
