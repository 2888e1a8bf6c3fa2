package payledger.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import payledger.metrics.LedgerMetrics;

/**
 * Counts gateway messages acknowledged without being recorded (unknown or redundant event types), by
 * gateway and type, so an integration that sends something unexpected is visible: exported on
 * GET /metrics ({@code payledger_gateway_events_ignored_total}) and kept per service instance for
 * its tests.
 */
public final class GatewayCounters {

  private final Map<String, LongAdder> ignored = new ConcurrentHashMap<>();

  public void ignored(String gateway, String eventType) {
    ignored.computeIfAbsent(gateway + ":" + eventType, k -> new LongAdder()).increment();
    LedgerMetrics.gatewayEventIgnored(gateway, eventType);
  }

  /** {@code gateway:eventType -> count}, a copy. */
  public Map<String, Long> ignoredSnapshot() {
    Map<String, Long> copy = new TreeMap<>();
    ignored.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
