package payledger.load;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * How far every projection of the service is behind the journal during a phase, read from
 * Cassandra beside the service, so that no projection needs to measure itself: each second, each
 * projection instance's stored offset (its tag's journal time up to which it has handled events,
 * {@code offset_store}) against the newest event of its tag ({@code tag_views}). An instance
 * with nothing pending is 0 s behind; a projection is as far behind as its slowest instance.
 * After the load, it waits until each projection has handled every event that was in the
 * journal when the load ended: its catch-up time. Its own reads (one small table scan and one
 * row per tag each second) are counted in the phase's Cassandra reads, a few hundred per phase.
 *
 * <p>Offsets are stored after each group (at most {@code group-within} late), so a figure is an
 * upper bound of the lag, to that grain; the per-event lag histogram ({@link ProjectionLag}) is
 * the finer measure of the projections that keep one.
 */
final class ProjectionBacklog implements AutoCloseable {

  /** The projections the benchmark must report, whether or not the phase gave them events. */
  static final List<String> EXPECTED = List.of("readmodel-orders", "readmodel-disputes",
      "deadlines-disputes", "notify-disputes", "fraud-risk", "fraud-feedback", "vendor-shares",
      "settlement-payments");

  private static final long HOUR_MS = Duration.ofHours(1).toMillis();
  /** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
  private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;

  /** Seconds behind, per projection, and the slowest instance's, per sample during the load. */
  private final Map<String, List<Double>> behind = new TreeMap<>();
  private final CqlSession session;
  private final Thread sampler;
  private volatile boolean loading = true;

  private ProjectionBacklog(CqlSession session) {
    this.session = session;
    this.sampler = new Thread(this::sampleEverySecond, "projection-backlog");
    this.sampler.setDaemon(true);
  }

  /** Starts sampling at once (call just before the load). */
  static ProjectionBacklog start(CqlSession session) {
    ProjectionBacklog backlog = new ProjectionBacklog(session);
    backlog.sampler.start();
    return backlog;
  }

  /**
   * Ends the sampling (call when the load ends), then polls each second until every projection
   * holds the events its tags had at that moment, {@code limit} at most.
   */
  Result awaitCaughtUp(Duration limit) throws InterruptedException {
    loading = false;
    sampler.join(5_000);
    long ended = System.nanoTime();
    Map<String, Instant> target = newest(offsets().keySet().stream().map(Instance::tag).distinct().toList());
    Map<String, Double> caughtUp = new TreeMap<>();
    long until = ended + limit.toNanos();
    while (true) {
      Map<Instance, Instant> now = offsets();
      Map<String, Boolean> done = new TreeMap<>();
      now.forEach((i, offset) -> done.merge(i.projection(),
          target.get(i.tag()) == null || !offset.isBefore(target.get(i.tag())), Boolean::logicalAnd));
      double seconds = (System.nanoTime() - ended) / 1e9;
      done.forEach((projection, yes) -> {
        if (yes) {
          caughtUp.putIfAbsent(projection, seconds);
        }
      });
      if (caughtUp.keySet().containsAll(done.keySet()) || System.nanoTime() > until) {
        return new Result(figures(caughtUp));
      }
      Thread.sleep(1_000);
    }
  }

  @Override
  public void close() {
    loading = false;
  }

  private void sampleEverySecond() {
    while (loading) {
      try {
        Map<Instance, Instant> offsets = offsets();
        Map<String, Instant> newest = newest(offsets.keySet().stream().map(Instance::tag).distinct().toList());
        Map<String, Double> slowest = new HashMap<>();
        offsets.forEach((i, offset) -> {
          Instant head = newest.get(i.tag());
          double s = head == null ? 0 : Math.max(0, Duration.between(offset, head).toMillis() / 1000.0);
          slowest.merge(i.projection(), s, Math::max);
        });
        synchronized (behind) {
          slowest.forEach((p, s) -> behind.computeIfAbsent(p, k -> new ArrayList<>()).add(s));
        }
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        System.err.println("projection backlog: a sample failed: " + e);
      }
    }
  }

  /** One projection instance: the projection and the tag it reads. */
  record Instance(String projection, String tag) {}

  /** Every stored time-based offset (the tag projections'), as journal times. */
  private Map<Instance, Instant> offsets() {
    Map<Instance, Instant> offsets = new HashMap<>();
    for (Row r : session.execute("SELECT projection_name, projection_key, manifest, offset FROM "
        + CassandraWork.KEYSPACE + ".offset_store")) {
      if ("TBU".equals(r.getString("manifest"))) {
        offsets.put(new Instance(r.getString("projection_name"), r.getString("projection_key")),
            time(UUID.fromString(r.getString("offset"))));
      }
    }
    return offsets;
  }

  /** The journal time of each tag's newest event (in this hour's bucket or the last). */
  private Map<String, Instant> newest(List<String> tags) {
    Map<String, Instant> newest = new HashMap<>();
    long bucket = System.currentTimeMillis() / HOUR_MS * HOUR_MS;
    for (String tag : tags) {
      for (long b : new long[] {bucket, bucket - HOUR_MS}) {
        Row r = session.execute("SELECT timestamp FROM " + CassandraWork.KEYSPACE + ".tag_views"
            + " WHERE tag_name = ? AND timebucket = ? ORDER BY timestamp DESC LIMIT 1", tag, b).one();
        if (r != null) {
          newest.put(tag, time(r.getUuid("timestamp")));
          break;
        }
      }
    }
    return newest;
  }

  static Instant time(UUID timeBased) {
    long hundredNanos = timeBased.timestamp() - UUID_EPOCH_OFFSET;
    return Instant.ofEpochSecond(hundredNanos / 10_000_000, (hundredNanos % 10_000_000) * 100);
  }

  private Map<String, Figures> figures(Map<String, Double> caughtUp) {
    Map<String, Figures> all = new TreeMap<>();
    synchronized (behind) {
      behind.forEach((p, samples) -> all.put(p, Figures.of(samples, caughtUp.get(p))));
    }
    caughtUp.forEach((p, s) -> all.putIfAbsent(p, Figures.of(List.of(), s)));
    return all;
  }

  /**
   * One projection in one phase: seconds behind the journal over the samples during the load
   * (median, 99th percentile, maximum), and seconds after the load until it held every event of
   * the load (null: not within the limit).
   */
  record Figures(int samples, double p50, double p99, double max, Double caughtUpSeconds) {

    static Figures of(List<Double> samples, Double caughtUp) {
      List<Double> sorted = samples.stream().sorted().toList();
      return new Figures(sorted.size(), at(sorted, 0.5), at(sorted, 0.99),
          sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), caughtUp);
    }

    private static double at(List<Double> sorted, double q) {
      return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    String describe() {
      return String.format(Locale.ROOT, "behind p50 %.1f s, p99 %.1f s, max %.1f s; caught up %s",
          p50, p99, max, caughtUpSeconds == null ? "**not** within the limit"
              : String.format(Locale.ROOT, "%.0f s after the load", caughtUpSeconds));
    }
  }

  /** Every projection's figures in a phase, by name; an expected one absent stored no offset. */
  record Result(Map<String, Figures> byProjection) {

    /** e.g. "fraud-risk: behind p50 0.4 s, p99 1.2 s, max 1.6 s; caught up 2 s after the load". */
    String summary() {
      StringBuilder out = new StringBuilder();
      for (String p : names()) {
        Figures f = byProjection.get(p);
        out.append(out.isEmpty() ? "" : "; ").append(p).append(": ")
            .append(f == null ? "no offset stored (no events of its tags yet)" : f.describe());
      }
      return out.toString();
    }

    /** The expected projections first, then any other the service runs. */
    List<String> names() {
      List<String> names = new ArrayList<>(EXPECTED);
      byProjection.keySet().stream().filter(p -> !EXPECTED.contains(p)).forEach(names::add);
      return names;
    }

    /** The slowest projection's p99 seconds behind during the load. */
    double p99Seconds() {
      return byProjection.values().stream().mapToDouble(Figures::p99).max().orElse(0);
    }
  }
}
