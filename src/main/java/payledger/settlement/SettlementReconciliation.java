package payledger.settlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The reconciliation run of one complete import: its lines streamed back in order, each looked up
 * in the ledger's payments (the settlement projection's table) and matched ({@link Matching}),
 * the ledger events it settles marked, its findings written as they come; then the payments of
 * the file's gateways journaled more than the configured days ago that nothing settled
 * (SETTLEMENT_MISSING), the payout checks, and the run's figures, written last. Each finding is
 * also raised in its payout batch ({@link SettlementBatch}: deadlines, escalation, resolution)
 * before the figures. Every write is an upsert keyed by the finding or the event, and a batch
 * raises a finding once: a run repeated after a crash writes the same rows and raises nothing new.
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

  public CompletionStage<RunTally.Summary> run(ImportRecord imported) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String id = imported.importId();
    RunTally tally = new RunTally(id);
    SettlementKpis kpis = new SettlementKpis();
    return store.lines(imported)
        .mapAsync(16, line -> line.kind().matchesLedger()
            ? lookup(line).thenApply(found -> Pair.create(line, found))
            : CompletableFuture.completedFuture(Pair.create(line, (List<LedgerPayment>) null)))
        .grouped(100)
        .mapAsync(1, group -> {
          List<Finding> findings = new ArrayList<>();
          List<CompletableFuture<Done>> writes = new ArrayList<>();
          for (Pair<SettlementLine, List<LedgerPayment>> p : group) {
            if (p.second() == null) {
              tally.other(p.first());
              kpis.other(p.first());
              continue;
            }
            Matching.Result result = matching.match(id, p.first(), p.second(), now);
            tally.matched(result);
            kpis.matched(result.match());
            findings.addAll(result.findings());
            if (result.match().ledger() != null) {
              writes.add(store.markSettled(result.match(), id).toCompletableFuture());
            }
          }
          writes.add(save(id, findings).toCompletableFuture());
          return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
        })
        .runWith(Sink.ignore(), system)
        .thenCompose(done -> missing(imported, now, tally))
        .thenCompose(done -> {
          List<Finding> payouts = new ArrayList<>();
          RunTally.Summary summary = tally.finish(matching, now, payouts::add);
          return save(id, payouts)
              .thenCompose(saved -> store.saveKpis(id, kpis.rows()))
              .thenCompose(saved -> store.saveRun(id, json(summary)))
              .thenApply(saved -> summary);
        });
  }

  /** A finding's row, then its batch's discrepancy: both before the run's figures. */
  private CompletionStage<Done> save(String importId, List<Finding> findings) {
    return findings.isEmpty() ? CompletableFuture.completedFuture(Done.getInstance())
        : store.saveFindings(importId, findings).thenCompose(saved -> raise.raise(findings));
  }

  private CompletionStage<List<LedgerPayment>> lookup(SettlementLine line) {
    CompletableFuture<List<LedgerPayment>> all = CompletableFuture.completedFuture(new ArrayList<>());
    for (String ref : line.references()) {
      all = all.thenCombine(store.ledger(line.gateway(), ref), (a, b) -> {
        a.addAll(b);
        return a;
      });
    }
    return all;
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
        .flatMapConcat(gateway -> Source.from(days).flatMapConcat(day -> store.paymentsOn(day, gateway)))
        .filter(p -> p.journaledAt().isBefore(due))
        .mapAsync(16, p -> store.settled(p).thenApply(settled -> settled ? Optional.<LedgerPayment>empty() : Optional.of(p)))
        .filter(Optional::isPresent)
        .map(p -> matching.missing(p.get(), settings.missingAfterDays(), now))
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
