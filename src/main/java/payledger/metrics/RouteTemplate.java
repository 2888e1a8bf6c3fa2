package payledger.metrics;

import java.util.Set;

/**
 * Turns a request path into a bounded metric label: the API's fixed words stay, anything else (an
 * order id, a discrepancy id, a typo) becomes {@code {id}}, so a label never carries an id.
 */
public final class RouteTemplate {

  private static final Set<String> WORDS = Set.of("v1", "orders", "payment-events", "batch",
      "adjustments", "discrepancies", "resolve", "link-payment", "metrics", "disputes", "gateways",
      "stripe", "webhook", "adyen", "notifications", "receipt", "resend", "customers", "reports",
      "reconciliation", "audit", "journal", "verify", "admin", "clock", "openapi.yaml");

  private static final int MAX_SEGMENTS = 6;

  private RouteTemplate() {}

  public static String of(String path) {
    StringBuilder template = new StringBuilder();
    int count = 0;
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (++count > MAX_SEGMENTS) {
        return template.append("/…").toString();
      }
      template.append('/').append(WORDS.contains(segment) ? segment : "{id}");
    }
    return template.length() == 0 ? "/" : template.toString();
  }
}
