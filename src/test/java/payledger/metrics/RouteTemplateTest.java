package payledger.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class RouteTemplateTest {

  private static final byte[] SPEC = spec();
  private static final RouteTemplate ROUTES = RouteTemplate.fromSpec(SPEC);

  @Test
  void idsInAPathBecomeTheSpecsPlaceholdersSoLabelsStayBounded() {
    assertEquals("/v1/orders/{orderId}", ROUTES.of("/v1/orders/order-1001"));
    assertEquals("/v1/orders/{orderId}/discrepancies/{discrepancyId}/resolve",
        ROUTES.of("/v1/orders/o-1/discrepancies/d-7/resolve"));
    assertEquals("/v1/payment-events", ROUTES.of("/v1/payment-events"));
    assertEquals("/metrics", ROUTES.of("/metrics"));
  }

  @Test
  void routesTheOldWordListMissedHaveTheirOwnLabels() {
    assertEquals("/v1/receipts/{token}", ROUTES.of("/v1/receipts/eyJhbGciOi.sig"));
    assertEquals("/v1/disputes/{disputeId}/acknowledge", ROUTES.of("/v1/disputes/DSP-1/acknowledge"));
    assertEquals("/v1/disputes/{disputeId}/notes", ROUTES.of("/v1/disputes/DSP-1/notes"));
    assertEquals("/v1/disputes/{disputeId}/escalate", ROUTES.of("/v1/disputes/DSP-1/escalate"));
    assertEquals("/v1/disputes/{disputeId}/close", ROUTES.of("/v1/disputes/DSP-1/close"));
    assertEquals("/v1/disputes/{disputeId}/feedback", ROUTES.of("/v1/disputes/DSP-1/feedback"));
    assertEquals("/v1/admin/projections/rebuild", ROUTES.of("/v1/admin/projections/rebuild"));
  }

  @Test
  void aFixedWordWinsOverAPlaceholderWhereBothMatch() {
    assertEquals("/v1/audit/journal", ROUTES.of("/v1/audit/journal"));
    assertEquals("/v1/orders", ROUTES.of("/v1/orders"));
  }

  @Test
  void everyPathTheApiDoesNotDocumentSharesOneLabel() {
    for (String path : new String[] {"/some-random-probe", "", "/", "/v1", "/v1/orders/", "/v1//",
        "/a/b/c/d/e/f/g/h/i", "/orders/v1/batch", "/v1/orders/o-1/receipt/resend/again",
        "/v2/orders/o-1", "/.env", "/v1/orders//adjustments"}) {
      assertEquals(RouteTemplate.UNMATCHED, ROUTES.of(path), path);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyDocumentedPathIsATemplateAndMatchesItself() {
    Map<String, Object> parsed = new Yaml().load(new String(SPEC, StandardCharsets.UTF_8));
    TreeSet<String> documented = new TreeSet<>(((Map<String, Object>) parsed.get("paths")).keySet());

    assertEquals(documented, new TreeSet<>(ROUTES.templates()));
    for (String template : documented) {
      assertEquals(template, ROUTES.of(template.replaceAll("\\{[^}]+}", "x-1")), template);
    }
  }

  private static byte[] spec() {
    try (InputStream in = RouteTemplateTest.class.getResourceAsStream("/openapi.yaml")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
