package payledger.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The section a run appends to docs/BENCHMARKS.md: the headline figures per acknowledged payment
 * event beside their targets (each as min / median / max over the repetitions; a target is judged
 * on the median), then Cassandra's work per table, every projection's distance behind the journal
 * and its catch-up per phase, the read models' lag and the soak.
 */
final class Report {

  private final Results r;
  private final StringBuilder out = new StringBuilder();

  private Report(Results r) {
    this.r = r;
  }

  static void appendTo(Results results, Path file) throws IOException {
    Files.writeString(file, new Report(results).render(), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private String render() {
    Options o = r.options();
    line("\n### %s, commit %s (%d cores, %d × %d s per phase, %d %s in flight)", r.at(), r.commit(),
        r.cores(), r.saturation().size(), o.seconds(), o.concurrency(),
        o.batch() > 1 ? "batches of " + o.batch() + " orders" : "orders");
    line("%s Its garbage collectors: %s. Cassandra: %s. Pinning: %s. Mail: a GreenMail SMTP sink "
            + "in a JVM of its own (the service's embedded one off). Warm-up: %d step(s), %d s at "
            + "saturation (%d in flight), each until the consumers caught up; JIT share of the "
            + "service's CPU in the last step %.1f %% (%s 5 %%). Raw ceiling %,.0f rows/s before "
            + "the service's phases, %,.0f after. Each phase counted from its first request until "
            + "the read models and the receipts caught up.",
        o.serviceJvm().isEmpty() ? "The service as shipped."
            : "Service JVM options: `" + o.serviceJvm() + "`.",
        r.serviceGc(), r.cassandra().describe(), r.pinning(), r.warmup().steps(), r.warmup().seconds(),
        r.warmup().concurrency(), 100 * r.warmup().jitShare(), r.warmup().warm() ? "<" : "**not** <",
        r.rawBefore().result().rowsPerSecond(), r.rawAfter().result().rowsPerSecond());
    line("");
    line("| per acknowledged payment event | saturation (closed model) | half saturation (open model) "
        + "| target (median: saturation / half) |");
    line("|---|---|---|---|");
    row("payment events/s", Phase::paymentEventsPerSecond, "%,.0f", "");
    row("÷ raw rows/s (mean of before and after)", r::ratio, "%.3f",
        "≥ 0.12: " + yes(median(r.saturation(), r::ratio) >= 0.12));
    ToDoubleFunction<Phase> serviceAndCassandra =
        p -> p.perEvent(p.cpu().serviceMs() + p.cpu().cassandraMs());
    row("**CPU-ms: service + Cassandra**", serviceAndCassandra, "%.2f",
        atMost(serviceAndCassandra, 2.0, "2.0"));
    row("CPU-ms: service", p -> p.perEvent(p.cpu().serviceMs()), "%.2f", "");
    row("JIT threads' share of the service's CPU (%)", p -> 100 * p.cpu().jitShare(), "%.1f", "");
    row("CPU-ms: Cassandra", p -> p.perEvent(p.cpu().cassandraMs()), "%.2f", "");
    row("CPU-ms: load generator (Gatling, the benchmark's JVM)", p -> p.perEvent(p.cpu().generatorMs()),
        "%.2f", "");
    row("CPU-ms: SMTP sink", p -> p.perEvent(p.cpu().sinkMs()), "%.2f", "");
    row("CPU-ms: rest of the box (/proc/stat minus the above)", p -> p.perEvent(p.cpu().restMs()),
        "%.2f", "");
    row("GC pauses of the service: p99 (ms)", p -> p.gc().p99Ms(), "%.1f", "");
    row("GC pauses of the service: total (ms per 1,000 payment events)",
        Phase::gcPauseMsPerThousand, "%.0f", "");
    row("GC pauses of the service: count", p -> p.gc().count(), "%,.0f", "");
    row("**Cassandra mutations**", Phase::mutationsPerEvent, "%.1f",
        atMost(Phase::mutationsPerEvent, 8, "8"));
    row("Cassandra reads", Phase::readsPerEvent, "%.1f", "");
    row("mails (receipts and other notices)", p -> p.perEvent(p.mails()), "%.2f", "");
    row("latency p50 (ms)", p -> p.events().p50(), "%,.0f", "");
    row("latency p99 (ms)", p -> p.events().p99(), "%,.0f",
        "≤ 50 at half: " + yes(median(r.halfRate(), p -> p.events().p99()) <= 50));
    row("errors (%)", Phase::errorPercent, "%.2f", "");
    row("receipt mail lag p50 (ms, 2xx → accepted by SMTP)", p -> p.receipts().p50(), "%,.0f", "");
    row("receipt mail lag p99 (ms)", p -> p.receipts().p99(), "%,.0f",
        "≤ 5,000 at saturation: " + yes(median(r.saturation(), p -> p.receipts().p99()) <= 5000));
    row("receipts missing", p -> p.receipts().expected() - p.receipts().received(), "%,.0f", "0");
    row("read-model lag p99 (s, bucket bound)", Phase::readModelP99Seconds, "%.1f",
        "≤ 2 at saturation: " + yes(median(r.saturation(), Phase::readModelP99Seconds) <= 2));
    row("CPU service (% of a core over the counted time)", p -> p.cpu().percent(p.cpu().serviceMs()),
        "%.0f", "");
    row("CPU Cassandra (% of a core)", p -> p.cpu().percent(p.cpu().cassandraMs()), "%.0f", "");
    row("RSS service (MB)", p -> p.serviceRssKb() / 1024.0, "%,.0f", "");
    row("RSS Cassandra (MB)", p -> p.cassandraRssKb() / 1024.0, "%,.0f", "");
    row("load average (1 min)", Phase::loadAverage, "%.1f", "");
    tables();
    backlog();
    line("");
    line("Read-model lag, last repetition: saturation: %s. Half saturation: %s.",
        last(r.saturation()).readModelLag(), last(r.halfRate()).readModelLag());
    soak();
    line("");
    line("```mermaid\nxychart-beta\n  title \"Per second, %s\"\n  x-axis [\"raw rows, before\", "
            + "\"raw rows, after\", \"payment events, saturation\"]\n  y-axis \"per second\"\n"
            + "  bar [%.0f, %.0f, %.0f]\n```",
        r.at().substring(0, 10), r.rawBefore().result().rowsPerSecond(),
        r.rawAfter().result().rowsPerSecond(), median(r.saturation(), Phase::paymentEventsPerSecond));
    return out.toString();
  }

  /** Mutations / reads per payment event, by table, median over the repetitions. */
  private void tables() {
    TreeSet<String> names = new TreeSet<>();
    for (Phase p : allPhases()) {
      p.cassandra().writes().forEach((t, n) -> names.add(n > 0 ? t : ""));
      p.cassandra().reads().forEach((t, n) -> names.add(n > 0 ? t : ""));
    }
    names.remove("");
    line("");
    line("| Cassandra per payment event, by table (mutations / reads, median) | saturation "
        + "| half saturation |");
    line("|---|---|---|");
    for (String t : names) {
      line("| %s | %s | %s |", t, perTable(r.saturation(), t), perTable(r.halfRate(), t));
    }
  }

  private String perTable(List<Phase> phases, String table) {
    return String.format(Locale.ROOT, "%.2f / %.2f",
        median(phases, p -> p.perEvent(p.cassandra().writes().getOrDefault(table, 0L))),
        median(phases, p -> p.perEvent(p.cassandra().reads().getOrDefault(table, 0L))));
  }

  /**
   * Every projection's distance behind the journal during the load and its catch-up after it, per
   * phase (each figure min / median / max over the repetitions).
   */
  private void backlog() {
    List<String> names = new ArrayList<>(ProjectionBacklog.EXPECTED);
    allPhases().forEach(p -> p.backlog().names().stream().filter(n -> !names.contains(n))
        .forEach(names::add));
    line("");
    line("| projection: behind the journal during the load, p99 / max (s); caught up after the "
        + "load (s) | saturation | half saturation |");
    line("|---|---|---|");
    for (String name : names) {
      line("| %s | %s | %s |", name, behind(r.saturation(), name), behind(r.halfRate(), name));
    }
  }

  private static String behind(List<Phase> phases, String projection) {
    List<ProjectionBacklog.Figures> figures = phases.stream()
        .map(p -> p.backlog().byProjection().get(projection)).toList();
    if (figures.stream().anyMatch(f -> f == null)) {
      return "no offset stored in " + figures.stream().filter(f -> f == null).count() + " of "
          + figures.size() + " (no events of its tags)";
    }
    long late = figures.stream().filter(f -> f.caughtUpSeconds() == null).count();
    return Spread.of(figures, ProjectionBacklog.Figures::p99).format("%.1f") + " / "
        + Spread.of(figures, ProjectionBacklog.Figures::max).format("%.1f") + "; "
        + (late > 0 ? "**not caught up within 3 min in " + late + " of " + figures.size() + "**"
            : Spread.of(figures, ProjectionBacklog.Figures::caughtUpSeconds).format("%.0f"));
  }

  private void soak() {
    Soak soak = r.soak();
    if (soak == null) {
      return;
    }
    line("");
    line("Soak: %d s at %.0f payment events/s (half saturation), sampled every 30 s: %s.",
        soak.seconds(), soak.rate(), String.join("; ", soak.verdicts()));
    line("");
    line("| s | RSS (MB) | heap after GC (MB; G1's moves only at mixed and full GCs) "
        + "| read-model lag p99 (s) | receipt lag p99 (ms) | payment event p99 (ms) |");
    line("|---|---|---|---|---|---|");
    soak.samples().forEach(s -> line("| %d | %,d | %,d | %.1f | %,d | %,d |", s.second(), s.rssMb(),
        s.heapAfterGcMb(), s.readModelP99Seconds(), s.receiptP99Ms(), s.eventP99Ms()));
  }

  private void row(String label, ToDoubleFunction<Phase> figure, String format, String target) {
    line("| %s | %s | %s | %s |", label, Spread.of(r.saturation(), figure).format(format),
        Spread.of(r.halfRate(), figure).format(format), target);
  }

  /** "≤ 2.0: yes / **no**": whether the median of each phase is at most {@code bound}. */
  private String atMost(ToDoubleFunction<Phase> figure, double bound, String shown) {
    return "≤ " + shown + ": " + yes(median(r.saturation(), figure) <= bound) + " / "
        + yes(median(r.halfRate(), figure) <= bound);
  }

  private static double median(List<Phase> phases, ToDoubleFunction<Phase> figure) {
    return Spread.of(phases, figure).median();
  }

  private static String yes(boolean met) {
    return met ? "yes" : "**no**";
  }

  private List<Phase> allPhases() {
    return Stream.concat(r.saturation().stream(), r.halfRate().stream()).toList();
  }

  private static Phase last(List<Phase> phases) {
    return phases.get(phases.size() - 1);
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
