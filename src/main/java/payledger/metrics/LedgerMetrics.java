package payledger.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The node's metrics, in one place: JVM metrics and the ledger's business counters, scraped from
 * {@code GET /metrics} in the Prometheus text format. Static because a JVM has one registry and
 * every caller (routes today, entities later) reports into the same counters.
 *
 * <p>Label values are always from bounded sets (gateway codes, enum names, route templates, status
 * codes), never ids: one time series per order would sink the Prometheus server.
 */
public final class LedgerMetrics {

  private static final PrometheusRegistry REGISTRY = new PrometheusRegistry();
  private static final PrometheusTextFormatWriter TEXT = new PrometheusTextFormatWriter(false);

  /** The text format's media type, {@code text/plain; version=0.0.4; charset=utf-8}. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private static final Counter PAYMENT_EVENTS = Counter.builder()
      .name("payledger_payment_events_ingested_total")
      .help("Gateway payment events durably journaled (first delivery), by gateway and type")
      .labelNames("gateway", "type").register(REGISTRY);

  private static final Counter DUPLICATES = Counter.builder()
      .name("payledger_payment_events_duplicate_total")
      .help("Redelivered gateway payment events answered without a second effect")
      .labelNames("gateway", "type").register(REGISTRY);

  private static final Counter IGNORED = Counter.builder()
      .name("payledger_gateway_events_ignored_total")
      .help("Gateway messages acknowledged without being recorded (unknown or redundant types)")
      .labelNames("gateway", "type").register(REGISTRY);

  private static final Counter DISCREPANCIES_OPENED = Counter.builder()
      .name("payledger_discrepancies_opened_total")
      .help("Discrepancies opened, by type").labelNames("type").register(REGISTRY);

  private static final Counter DISCREPANCIES_RESOLVED = Counter.builder()
      .name("payledger_discrepancies_resolved_total")
      .help("Discrepancies resolved, by type and resolution")
      .labelNames("type", "resolution").register(REGISTRY);

  private static final Counter SLA_DEADLINES = Counter.builder()
      .name("payledger_sla_deadlines_passed_total")
      .help("SLA moments passed, of cases and of discrepancies (type: the discrepancy's): warnings"
          + " at 75 % of a window and breaches (escalations)")
      .labelNames("deadline", "breach", "type").register(REGISTRY);

  private static final Counter ASK_TIMEOUTS = Counter.builder()
      .name("payledger_ask_timeouts_total")
      .help("Requests answered 503 because the ledger (entity or journal) did not answer in time")
      .register(REGISTRY);

  // Buckets from 5 ms (a warm entity) to 10 s (past the request timeout), where a journal stall shows.
  private static final Histogram HTTP_DURATION = Histogram.builder()
      .name("payledger_http_request_duration_seconds")
      .help("HTTP request latency by method, route template and status")
      .labelNames("method", "route", "status")
      .classicOnly()
      .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
      .register(REGISTRY);

  private static final Counter RECEIPTS_WITHHELD = Counter.builder()
      .name("payledger_receipts_withheld_total")
      .help("Receipts that did not add up against their order and payments, flagged and not sent")
      .register(REGISTRY);

  private static final Counter DELIVERY_ATTEMPTS = Counter.builder()
      .name("payledger_notification_attempts_total")
      .help("Customer notification delivery attempts, by channel and outcome (SENT, FAILED, BOUNCED)")
      .labelNames("channel", "outcome").register(REGISTRY);

  private static final Counter NOTIFICATIONS_DONE = Counter.builder()
      .name("payledger_notifications_completed_total")
      .help("Customer notifications finished, by kind and the channel that delivered them (NONE: all failed)")
      .labelNames("kind", "channel").register(REGISTRY);

  // From queueing to delivery: the receipt target is 24 h, the engineering target p99 < 5 s.
  private static final Histogram DELIVERY_LATENCY = Histogram.builder()
      .name("payledger_notification_delivery_seconds")
      .help("Time from a notification being queued to its delivery, by kind")
      .labelNames("kind")
      .classicOnly()
      .classicUpperBounds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600, 3600, 86400)
      .register(REGISTRY);

  // Read-model projections: how long after its journal write an event reached the read models.
  private static final Histogram PROJECTION_LAG = Histogram.builder()
      .name("payledger_projection_lag_seconds")
      .help("Time from an event's journal write to its projection into the read models, by projection")
      .labelNames("projection")
      .classicOnly()
      // Finer around the read side's target (p99 under 2 s).
      .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 60, 300)
      .register(REGISTRY);

  private static final Gauge PROJECTION_LAST_LAG = Gauge.builder()
      .name("payledger_projection_last_lag_seconds")
      .help("The lag of the last event a projection handled on this node")
      .labelNames("projection")
      .register(REGISTRY);

  private static final Counter FRAUD_RULES = Counter.builder()
      .name("payledger_fraud_rule_fired_total")
      .help("Fraud rules that newly fired on an order's payments, by rule")
      .labelNames("rule").register(REGISTRY);

  static {
    JvmMetrics.builder().register(REGISTRY);
  }

  private LedgerMetrics() {}

  public static void paymentEventIngested(String gateway, String type) {
    PAYMENT_EVENTS.labelValues(gateway, type).inc();
  }

  public static void paymentEventDuplicate(String gateway, String type) {
    DUPLICATES.labelValues(gateway, type).inc();
  }

  /** For webhook adapters: a message answered 2xx but not recorded, so odd integrations show. */
  public static void gatewayEventIgnored(String gateway, String type) {
    IGNORED.labelValues(gateway, type).inc();
  }

  public static void discrepancyOpened(String type) {
    DISCREPANCIES_OPENED.labelValues(type).inc();
  }

  public static void discrepancyResolved(String type, String resolution) {
    DISCREPANCIES_RESOLVED.labelValues(type, resolution).inc();
  }

  public static void slaDeadlinePassed(String deadline, boolean breach) {
    slaDeadlinePassed(deadline, breach, "");
  }

  /** @param type what the moment is about within its kind (a discrepancy's type); "" for none */
  public static void slaDeadlinePassed(String deadline, boolean breach, String type) {
    SLA_DEADLINES.labelValues(deadline, Boolean.toString(breach), type).inc();
  }

  /** The route and status of each 503 are in the latency histogram; this is the alerting total. */
  public static void askTimeout() {
    ASK_TIMEOUTS.inc();
  }

  public static void httpRequest(String method, String route, int status, double seconds) {
    HTTP_DURATION.labelValues(method, route, String.valueOf(status)).observe(seconds);
  }

  public static void receiptWithheld() {
    RECEIPTS_WITHHELD.inc();
  }

  public static void notificationAttempt(String channel, String outcome) {
    DELIVERY_ATTEMPTS.labelValues(channel, outcome).inc();
  }

  public static void notificationCompleted(String kind, String channel, double secondsQueued) {
    NOTIFICATIONS_DONE.labelValues(kind, channel).inc();
    if (!"NONE".equals(channel)) {
      DELIVERY_LATENCY.labelValues(kind).observe(secondsQueued);
    }
  }

  /** A projection handled an event journaled at {@code eventMillis} (wall clock of the writer). */
  public static void projectionLag(String projection, long eventMillis) {
    double seconds = Math.max(0, System.currentTimeMillis() - eventMillis) / 1000.0;
    PROJECTION_LAG.labelValues(projection).observe(seconds);
    PROJECTION_LAST_LAG.labelValues(projection).set(seconds);
  }

  public static void fraudRuleFired(String rule) {
    FRAUD_RULES.labelValues(rule).inc();
  }

  /** Every metric of this JVM in the Prometheus text exposition format. */
  public static byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      TEXT.write(out, REGISTRY.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
