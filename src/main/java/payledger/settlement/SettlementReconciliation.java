package payledger.settlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The reconciliation run of one complete import: its lines streamed back in order, in chunks whose
 * references are looked up together in the ledger's payments (the settlement projection's table,
 * multi-key reads, several chunks in flight), each line matched ({@link Matching}) in file order,
 * their findings written every few chunks in one-partition batches and what they settled spilled,
 * sorted, to local disk; memory holds a bounded number of chunks whatever the file. Then the
 * order lines and settled events as sorted blobs ({@link RunResults}), the payments of the file's
 * gateways journaled more than the configured days ago that nothing settled (SETTLEMENT_MISSING),
 * the payout checks, and the run's figures, written last. Each finding is also raised in its
 * payout batch ({@link SettlementBatch}: deadlines, escalation, resolution) before the figures.
 * Every write is an upsert keyed by the finding, the event or the blob's part, and a batch raises a
 * finding once: a run repeated after a crash writes the same rows and raises nothing new.
 */
public final class SettlementReconciliation {

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** Where findings go besides their rows: the batches' discrepancies with deadlines. */
  public interface Raise {
    CompletionStage<Done> raise(List<Finding> findings);
  }

  private final SettlementStore store;
  private final Raise raise;
  private final Matching matching;
  private final SettlementSettings settings;
  private final Clock clock;
  private final ActorSystem<?> system;

  public SettlementReconciliation(SettlementStore store, Raise raise, SettlementSettings settings,
      Clock clock, ActorSystem<?> system) {
    this.store = store;
    this.raise = raise;
    this.settings = settings;
    this.matching = new Matching(settings.fees(),
        new Matching.Deadlines(settings.noticeWithin(), settings.resolveWithin()));
    this.clock = clock;
    this.system = system;
  }

  /** Lines looked up together: one multi-key read per gateway and 100 references. */
  static final int LOOKUP_CHUNK = 1_000;
  /** Lookup chunks read at once. */
  static final int LOOKUPS_IN_FLIGHT = 8;
  /** Lookup chunks whose results are written together (grouped by partition, then batched). */
  static final int CHUNKS_PER_WRITE = 20;
  /**
   * The most days of payments a run scans per gateway: each day is a paged read open at once in
   * the merge, and a file spread wider is looked up by key instead.
   */
  static final int MAX_SCAN_DAYS = 62;
  /** Payment lines sorted in memory at once before a run of them is spilled to local disk. */
  static final int SPILL_RUN = 50_000;

  /** A chunk of lines matched: how many, the matches that settle a ledger event, and the findings. */
  private record Matched(int lines, List<LineMatch> settled, List<Finding> findings) {}

  /** A line to match, with its ledger events when the scan found them (null: look them up). */
  private record Pending(SettlementLine line, List<LedgerPayment> candidates) {}

  /** The lines a run has matched and written so far, told after each write group. */
  public interface Progress {
    CompletionStage<Done> reconciled(long lines);
  }

  public CompletionStage<RunTally.Summary> run(ImportRecord imported) {
    return run(imported, lines -> CompletableFuture.completedFuture(Done.getInstance()));
  }

  /**
   * Two passes. The first streams the import's lines in file order: a payment line with a
   * reference is spilled, sorted, to local disk; every other line is matched at once, its ledger
   * events looked up by key. The second merges the spilled payment lines with a scan of the
   * ledger's payments of their days ({@link LedgerJoin}) and looks up only the lines the scan did
   * not settle. The tallies are sums: the order lines are matched in does not change them.
   */
  public CompletionStage<RunTally.Summary> run(ImportRecord imported, Progress progress) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String id = imported.importId();
    RunTally tally = new RunTally(id);
    SettlementKpis kpis = new SettlementKpis();
    AtomicLong done = new AtomicLong();
    SortedSpill spill = new SortedSpill(settings.spoolDir(), SPILL_RUN);
    RunResults results = new RunResults(id, settings.spoolDir());
    long[] days = {Long.MAX_VALUE, Long.MIN_VALUE};
    Source<List<Pending>, NotUsed> firstPass = store.lines(imported)
        .grouped(LOOKUP_CHUNK)
        .map(chunk -> divert(chunk, spill, days))
        .filter(chunk -> !chunk.isEmpty());
    CompletionStage<Done> matched = matchAndWrite(id, firstPass, now, tally, kpis, results, done, progress)
        .thenCompose(first -> spill.count() == 0 ? CompletableFuture.completedFuture(first)
            : matchAndWrite(id, joined(spill, days).grouped(LOOKUP_CHUNK), now, tally, kpis, results, done,
                progress));
    return matched
        .whenComplete((ok, failed) -> spill.close())
        .thenCompose(ok -> results.write(store, now))
        .whenComplete((ok, failed) -> results.close())
        .thenCompose(ok -> missing(imported, now, tally))
        .thenCompose(ok -> {
          List<Finding> payouts = new ArrayList<>();
          RunTally.Summary summary = tally.finish(matching, now, payouts::add);
          return save(id, payouts)
              .thenCompose(saved -> store.saveKpis(id, kpis.rows()))
              .thenCompose(saved -> store.saveRun(id, json(summary)))
              .thenApply(saved -> summary);
        });
  }

  /**
   * Whether a line goes to the merge join: a payment with a reference to join on, its first
   * (Stripe's payment intent before its charge); a line the scan does not settle under it is looked
   * up under all its references.
   */
  static boolean joinable(SettlementLine line) {
    return line.kind() == SettlementKind.PAYMENT && !line.references().isEmpty() && line.occurredAt() != null;
  }

  /** A chunk's joinable lines spilled (their days widen the scan), the others left to match now. */
  private static List<Pending> divert(List<SettlementLine> chunk, SortedSpill spill, long[] days) {
    List<Pending> now = new ArrayList<>(chunk.size());
    for (SettlementLine line : chunk) {
      if (joinable(line)) {
        spill.add(line);
        long day = LocalDate.ofInstant(line.occurredAt(), ZoneOffset.UTC).toEpochDay();
        days[0] = Math.min(days[0], day);
        days[1] = Math.max(days[1], day);
      } else {
        now.add(new Pending(line, null));
      }
    }
    return now;
  }

  /**
   * The spilled lines in join order with the ledger's events the scan found for them — the
   * succeeded payments of their gateways journaled from {@code match-window-days} before their
   * first day to their last — or, for fewer lines than {@code scan-join-min-lines} (a scan of a
   * day would read more rows than the lines' own lookups) or over more than {@link #MAX_SCAN_DAYS}
   * days, all looked up by key.
   */
  private Source<Pending, NotUsed> joined(SortedSpill spill, long[] span) {
    Source<SettlementLine, NotUsed> lines = Source.fromIterator(spill::sorted);
    long dayCount = span[1] - span[0] + 1 + settings.matchWindowDays();
    if (spill.count() < settings.scanJoinMinLines() || dayCount > MAX_SCAN_DAYS) {
      return lines.map(line -> new Pending(line, null));
    }
    List<String> days = new ArrayList<>();
    for (long d = span[0] - settings.matchWindowDays(); d <= span[1]; d++) {
      days.add(LocalDate.ofEpochDay(d).toString());
    }
    return LedgerJoin.join(lines, ledger(spill.gateways(), days))
        .map(j -> new Pending(j.line(), LedgerJoin.settles(j.line(), j.candidates()) ? j.candidates() : null));
  }

  /** The succeeded payments of the gateways on the days, in the join's order. */
  private Source<LedgerPayment, NotUsed> ledger(Set<String> gateways, List<String> days) {
    Source<LedgerPayment, NotUsed> all = Source.empty();
    for (String gateway : gateways) {
      List<Source<LedgerPayment, NotUsed>> perDay = new ArrayList<>();
      days.forEach(day -> perDay.add(store.paymentsOn(day, gateway)));
      all = all.concat(LedgerJoin.mergeDays(perDay));
    }
    return all;
  }

  /** Lines matched chunk by chunk, their results written in groups, the progress told after each. */
  private CompletionStage<Done> matchAndWrite(String id, Source<List<Pending>, NotUsed> chunks, Instant now,
      RunTally tally, SettlementKpis kpis, RunResults results, AtomicLong done, Progress progress) {
    return chunks
        .mapAsync(LOOKUPS_IN_FLIGHT, chunk -> lookup(chunk).thenApply(found -> Pair.create(chunk, found)))
        .map(p -> match(id, p.first(), p.second(), now, tally, kpis))
        .grouped(CHUNKS_PER_WRITE)
        .mapAsync(2, group -> {
          List<Finding> findings = new ArrayList<>();
          group.forEach(m -> {
            results.add(m.settled());
            findings.addAll(m.findings());
          });
          int lines = group.stream().mapToInt(Matched::lines).sum();
          return save(id, findings).thenApply(saved -> lines);
        })
        .mapAsync(1, lines -> progress.reconciled(done.addAndGet(lines)))
        .runWith(Sink.ignore(), system);
  }

  /** A chunk's lines matched in order (the tallies count them as they come). */
  private Matched match(String id, List<Pending> chunk, Map<String, List<LedgerPayment>> found,
      Instant now, RunTally tally, SettlementKpis kpis) {
    List<LineMatch> settled = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Pending pending : chunk) {
      SettlementLine line = pending.line();
      if (!line.kind().matchesLedger()) {
        tally.other(line);
        kpis.other(line);
        continue;
      }
      List<LedgerPayment> candidates = pending.candidates();
      if (candidates == null) {
        candidates = new ArrayList<>();
        for (String ref : line.references()) {
          candidates.addAll(found.getOrDefault(key(line.gateway(), ref), List.of()));
        }
      }
      Matching.Result result = matching.match(id, line, candidates, now);
      tally.matched(result);
      kpis.matched(result.match());
      findings.addAll(result.findings());
      if (result.match().ledger() != null) {
        settled.add(result.match());
      }
    }
    return new Matched(chunk.size(), settled, findings);
  }

  /** A finding's row, then its batch's discrepancy: both before the run's figures. */
  private CompletionStage<Done> save(String importId, List<Finding> findings) {
    return findings.isEmpty() ? CompletableFuture.completedFuture(Done.getInstance())
        : store.saveFindings(importId, findings).thenCompose(saved -> raise.raise(findings));
  }

  /** The ledger's events for every reference of a chunk's ledger lines the scan did not settle, by gateway and reference. */
  private CompletionStage<Map<String, List<LedgerPayment>>> lookup(List<Pending> chunk) {
    Map<String, Set<String>> refs = new LinkedHashMap<>();
    for (Pending pending : chunk) {
      SettlementLine line = pending.line();
      if (pending.candidates() == null && line.kind().matchesLedger()) {
        refs.computeIfAbsent(line.gateway(), g -> new LinkedHashSet<>()).addAll(line.references());
      }
    }
    Map<String, List<LedgerPayment>> all = new HashMap<>();
    CompletableFuture<Map<String, List<LedgerPayment>>> done = CompletableFuture.completedFuture(all);
    for (Map.Entry<String, Set<String>> gateway : refs.entrySet()) {
      done = done.thenCombine(store.ledger(gateway.getKey(), gateway.getValue()), (a, found) -> {
        found.forEach((ref, events) -> a.put(key(gateway.getKey(), ref), events));
        return a;
      });
    }
    return done;
  }

  private static String key(String gateway, String ref) {
    return gateway + "\u0000" + ref;
  }

  /** Succeeded payments of the file's gateways, journaled in the window, that nothing settled. */
  private CompletionStage<Done> missing(ImportRecord imported, Instant now, RunTally tally) {
    Set<String> gateways = new LinkedHashSet<>();
    imported.batches().forEach(b -> gateways.add(b.substring(0, b.indexOf('/'))));
    Instant due = now.minus(Duration.ofDays(settings.missingAfterDays()));
    List<String> days = new ArrayList<>();
    for (int d = settings.missingLookbackDays(); d >= settings.missingAfterDays(); d--) {
      days.add(CassandraSettlementStore.day(now.minus(Duration.ofDays(d))));
    }
    return Source.from(List.copyOf(gateways))
        .flatMapConcat(gateway -> Source.from(days).flatMapConcat(day -> store.unsettledOn(day, gateway)))
        .filter(p -> p.journaledAt().isBefore(due))
        .map(p -> matching.missing(p, settings.missingAfterDays(), now))
        .grouped(100)
        .mapAsync(1, findings -> {
          findings.forEach(tally::found);
          return save(imported.importId(), findings);
        })
        .runWith(Sink.ignore(), system);
  }

  static String json(RunTally.Summary summary) {
    try {
      return JSON.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
