package payledger.http;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import payledger.testing.ApiClient;
import payledger.testing.OpenApiContract;

/**
 * openapi.yaml names exactly the routes that exist, and the contract check every test exchange goes
 * through ({@link OpenApiContract}) really refuses what the document does not describe.
 */
class OpenApiContractTest {

  /** Every route ApiRoutes serves, as "METHOD path". */
  private static final Set<String> ROUTES = Set.of(
      "GET /openapi.yaml",
      "GET /metrics",
      "POST /v1/orders",
      "GET /v1/orders/{orderId}",
      "POST /v1/payment-events",
      "POST /v1/payment-events/batch",
      "POST /v1/gateways/stripe/webhook",
      "POST /v1/gateways/adyen/notifications",
      "POST /v1/orders/{orderId}/adjustments",
      "POST /v1/orders/{orderId}/discrepancies/{discrepancyId}/resolve",
      "POST /v1/orders/{orderId}/link-payment",
      "POST /v1/disputes",
      "GET /v1/disputes/{disputeId}",
      "POST /v1/disputes/{disputeId}/acknowledge",
      "POST /v1/disputes/{disputeId}/notes",
      "POST /v1/disputes/{disputeId}/request-info",
      "POST /v1/disputes/{disputeId}/customer-reply",
      "POST /v1/disputes/{disputeId}/escalate",
      "POST /v1/disputes/{disputeId}/resolve",
      "POST /v1/disputes/{disputeId}/close",
      "POST /v1/disputes/{disputeId}/feedback",
      "GET /v1/admin/clock",
      "POST /v1/admin/clock",
      "GET /v1/orders/{orderId}/receipt",
      "POST /v1/orders/{orderId}/receipt/resend",
      "GET /v1/receipts/{token}",
      "GET /v1/customers/{customerId}/notifications",
      "POST /v1/customers/{customerId}/notifications/{notificationId}/read",

      "GET /v1/audit/orders/{orderId}/journal",
      "GET /v1/audit/disputes/{disputeId}/journal",
      "GET /v1/audit/journal",
      "POST /v1/audit/verify",

      "GET /v1/orders",
      "GET /v1/discrepancies",
      "GET /v1/disputes",
      "GET /v1/reports/reconciliation",
      "POST /v1/settlements/files",
      "GET /v1/settlements/imports/{importId}",
      "GET /v1/settlements/imports/{importId}/reconciliation",
      "GET /v1/settlements/orders/{orderId}",
      "GET /v1/settlements/summary",
      "GET /v1/settlements/batches/{gateway}/{batchId}",
      "POST /v1/settlements/batches/{gateway}/{batchId}/resolve",
      "GET /v1/admin/projections",
      "POST /v1/admin/projections/rebuild",
      "GET /v1/orders/{orderId}/risk",
      "GET /v1/risk/reviews",
      "GET /v1/risk/rules",
      "POST /v1/vendors",
      "GET /v1/vendors/{vendorId}",
      "POST /v1/vendors/{vendorId}/commission-terms",
      "POST /v1/vendors/{vendorId}/payout-schedule",
      "POST /v1/vendors/{vendorId}/profile",
      "GET /v1/vendors/{vendorId}/statement",
      "POST /v1/vendors/{vendorId}/payout-accounts",
      "POST /v1/vendors/{vendorId}/payout-discrepancies/{discrepancyId}/resolve",
      "POST /v1/vendors/{vendorId}/cases",
      "POST /v1/payout-events",
      "POST /v1/gateways/stripe/connect",
      "POST /v1/gateways/adyen/transfers");

  private static Map<String, Object> document() throws java.io.IOException {
    try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.yaml")) {
      return new Yaml().load(in);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDocumentCoversExactlyTheRoutesThatExist() throws Exception {
    Map<String, Object> spec = document();
    Set<String> documented = new TreeSet<>();
    ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, methods) ->
        methods.keySet().forEach(method -> documented.add(method.toUpperCase() + " " + path)));
    assertEquals(new TreeSet<>(ROUTES), documented);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyOperationHasItsOwnOperationIdAndTheDocumentItsLicence() throws Exception {
    Map<String, Object> spec = document();
    List<String> missing = new java.util.ArrayList<>();
    Set<String> ids = new TreeSet<>();
    ((Map<String, Map<String, Map<String, Object>>>) spec.get("paths")).forEach((path, methods) ->
        methods.forEach((method, operation) -> {
          Object id = operation.get("operationId");
          if (!(id instanceof String name) || !ids.add(name)) {
            missing.add(method.toUpperCase() + " " + path + " (" + id + ")");
          }
        }));
    assertEquals(List.of(), missing, "operations without an operationId of their own");
    Map<String, Object> info = (Map<String, Object>) spec.get("info");
    assertEquals("Apache-2.0", ((Map<String, Object>) info.get("license")).get("name"));
  }

  @Test
  void anUndocumentedStatusOrBodyBreaksTheContract() {
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1/v1/orders/o-1")).GET().build();
    assertThrows(AssertionError.class, () -> OpenApiContract.check(get, null,
        new ApiClient.Reply(418, "application/problem+json", "{\"type\":\"x\",\"title\":\"t\",\"status\":418}", null)));
    assertThrows(AssertionError.class, () -> OpenApiContract.check(get, null,
        new ApiClient.Reply(200, "application/json", "{\"orderId\":\"o-1\"}", null)));
    assertThrows(AssertionError.class, () -> OpenApiContract.check(get, null,
        new ApiClient.Reply(401, "application/problem+json", "{\"type\":\"x\",\"title\":\"t\",\"status\":401}", null)));
    OpenApiContract.check(get, null,
        new ApiClient.Reply(404, "application/problem+json", "{\"type\":\"x\",\"title\":\"t\",\"status\":404}", null));
  }
}
