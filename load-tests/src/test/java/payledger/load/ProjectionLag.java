package payledger.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read models' lag as the service measures it (histogram {@code payledger_projection_lag_seconds}:
 * journal write to read-model write, per event) for the events of one phase: the difference of
 * two scrapes of {@code /metrics}, per projection, as bucket upper bounds.
 */
record ProjectionLag(Map<String, TreeMap<Double, Double>> cumulative) {

  private static final Pattern BUCKET = Pattern.compile(
      "payledger_projection_lag_seconds_bucket\\{([^}]*)} (\\S+)");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  static ProjectionLag scrape(String baseUrl) throws IOException, InterruptedException {
    return parse(metrics(baseUrl));
  }

  /** The service's {@code /metrics} (Prometheus text). */
  static String metrics(String baseUrl) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  static ProjectionLag parse(String text) {
    Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
    Matcher m = BUCKET.matcher(text);
    while (m.find()) {
      Map<String, String> labels = new TreeMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      double le = labels.get("le").equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(labels.get("le"));
      buckets.computeIfAbsent(labels.get("projection"), p -> new TreeMap<>()).put(le, Double.parseDouble(m.group(2)));
    }
    return new ProjectionLag(buckets);
  }

  /** Scrapes until no projection counted another event for {@code quiet}, at most {@code limit}. */
  static ProjectionLag drained(String baseUrl, Duration quiet, Duration limit) throws IOException, InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    ProjectionLag last = scrape(baseUrl);
    while (System.nanoTime() < until) {
      Thread.sleep(quiet.toMillis());
      ProjectionLag now = scrape(baseUrl);
      if (now.equals(last)) {
        return now;
      }
      last = now;
    }
    return last;
  }

  ProjectionLag since(ProjectionLag before) {
    Map<String, TreeMap<Double, Double>> delta = new TreeMap<>();
    cumulative.forEach((projection, buckets) -> {
      TreeMap<Double, Double> b = before.cumulative.getOrDefault(projection, new TreeMap<>());
      TreeMap<Double, Double> d = new TreeMap<>();
      buckets.forEach((le, n) -> d.put(le, n - b.getOrDefault(le, 0.0)));
      delta.put(projection, d);
    });
    return new ProjectionLag(delta);
  }

  /**
   * e.g. "readmodel-orders: 4,210 events (140/s over the phase), p50 ≤ 5 s, p99 ≤ 10 s"; the events
   * include those the phase's orders caused after it (receipt deliveries reported back).
   */
  String summary(Duration phase) {
    StringBuilder out = new StringBuilder();
    cumulative.forEach((projection, buckets) -> {
      double total = buckets.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
      if (total > 0) {
        out.append(out.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
            "%s: %,.0f events (%,.0f/s over the phase), p50 ≤ %s s, p99 ≤ %s s", projection, total,
            total / phase.toSeconds(), bound(buckets, 0.5 * total), bound(buckets, 0.99 * total)));
      }
    });
    return out.isEmpty() ? "no events projected" : out.toString();
  }

  /** The p99's bucket bound (s) of the slowest projection; 0 when none projected anything. */
  double p99Seconds() {
    return cumulative.values().stream().filter(b -> b.getOrDefault(Double.POSITIVE_INFINITY, 0.0) > 0)
        .mapToDouble(b -> upper(b, 0.99 * b.get(Double.POSITIVE_INFINITY))).max().orElse(0);
  }

  private static String bound(TreeMap<Double, Double> buckets, double rank) {
    double upper = upper(buckets, rank);
    return Double.isInfinite(upper) ? "∞" : String.format(Locale.ROOT, "%s", upper);
  }

  private static double upper(TreeMap<Double, Double> buckets, double rank) {
    return buckets.entrySet().stream().filter(e -> e.getValue() >= rank).findFirst()
        .map(Map.Entry::getKey).orElse(Double.POSITIVE_INFINITY);
  }
}
