package payledger.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RouteTemplateTest {

  @Test
  void idsInAPathBecomePlaceholdersSoLabelsStayBounded() {
    assertEquals("/v1/orders/{id}", RouteTemplate.of("/v1/orders/order-1001"));
    assertEquals("/v1/orders/{id}/discrepancies/{id}/resolve",
        RouteTemplate.of("/v1/orders/o-1/discrepancies/d-7/resolve"));
    assertEquals("/v1/payment-events", RouteTemplate.of("/v1/payment-events"));
  }

  @Test
  void unknownAndOverlongPathsCannotCreateNewLabelValuesPerRequest() {
    assertEquals("/{id}", RouteTemplate.of("/some-random-probe"));
    assertEquals("/", RouteTemplate.of(""));
    assertEquals("/{id}/{id}/{id}/{id}/{id}/{id}/…", RouteTemplate.of("/a/b/c/d/e/f/g/h/i"));
  }
}
