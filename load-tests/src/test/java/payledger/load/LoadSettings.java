package payledger.load;

import java.time.Duration;

/**
 * What a simulation is pointed at and how hard, from system properties (set by the benchmark, or
 * on the command line: {@code mvn gatling:test -Dgatling.simulationClass=... -Drate=200}).
 */
record LoadSettings(String baseUrl, String gatewayKey, String supportKey, String stripeSecret,
    double rate, Duration duration, int concurrency, String runId, boolean assertions, int batch) {

  static LoadSettings fromSystemProperties() {
    return new LoadSettings(
        System.getProperty("baseUrl", "http://127.0.0.1:8080"),
        System.getProperty("gatewayKey", "dev-gateway-key"),
        System.getProperty("supportKey", "dev-support-key"),
        System.getProperty("stripeSecret", "whsec_load_test_secret"),
        Double.parseDouble(System.getProperty("rate", "50")),
        Duration.ofSeconds(Long.parseLong(System.getProperty("seconds", "30"))),
        Integer.parseInt(System.getProperty("concurrency", "0")),
        System.getProperty("runId", Long.toString(System.currentTimeMillis(), 36)),
        Boolean.parseBoolean(System.getProperty("assertions", "true")),
        Integer.parseInt(System.getProperty("batch", "1")));
  }

  /** True when payment events go to the batch endpoint, {@code batch} at a time. */
  boolean batched() {
    return batch > 1;
  }

  /** Orders per second for a payment-event rate: the mix averages this many events per order. */
  static final double EVENTS_PER_ORDER = 1.15;

  /** Virtual users per second for a payment-event rate. */
  double usersPerSecond() {
    return batched() ? rate / batch : rate / EVENTS_PER_ORDER;
  }
}
