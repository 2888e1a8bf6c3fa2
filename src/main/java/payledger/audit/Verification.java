package payledger.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;
import payledger.audit.CassandraJournal.RawRow;

/**
 * Replays journals and checks them: hash chains and replay per entity ({@link EntityVerifier}),
 * then the given {@link EntityCheck}s on every intact entity, each finding differences or that it
 * could not compare yet (behind). A stream of {@link Update}s: progress
 * every {@code progressEvery}, then the report. Rows stream from Cassandra, {@code parallelism}
 * token ranges at once, and entities are verified in parallel on {@code executor}; memory holds a
 * few pages and entities, not the range.
 */
public final class Verification {

  /** Either how far it has come or, last, the report. */
  public record Update(VerifyReport.Progress progress, VerifyReport report) {}

  private final CassandraJournal journal;
  private final List<EntityCheck> checks;
  private final List<String> notCompared;
  private final Executor executor;
  private final int parallelism;
  private final Duration progressEvery;

  /**
   * @param notCompared what the report must say no check compares
   */
  public Verification(CassandraJournal journal, List<EntityCheck> checks, List<String> notCompared,
      Executor executor, int parallelism, Duration progressEvery) {
    this.journal = journal;
    this.checks = List.copyOf(checks);
    this.notCompared = List.copyOf(notCompared);
    this.executor = executor;
    this.parallelism = parallelism;
    this.progressEvery = progressEvery;
  }

  /**
   * The journal rows of the entities in the scope, one list per entity: one entity's partitions,
   * or a scan of the whole journal (in a range, the entities with an event in it, checked whole).
   */
  public Source<List<RawRow>, NotUsed> entities(Scope scope) {
    if (scope.isEntity()) {
      return EntityRows.group(journal.entity(
          AuditedEntity.of(scope.entityType()).orElseThrow().persistenceId(scope.entityId())));
    }
    boolean everyEntity = scope.from() == null && scope.to() == null;
    return journal.entities(parallelism)
        .filter(entity -> everyEntity || entity.stream().anyMatch(r -> scope.contains(r.timestamp())));
  }

  /** Verifies {@code entities} (from {@link #entities}) of the scope. */
  public Source<Update, NotUsed> run(Scope scope, Source<List<RawRow>, NotUsed> entities) {
    List<EntityCheck> applicable = checks.stream()
        .filter(c -> scope.isEntity() || c.kind() == EntityCheck.Kind.READ_MODEL).toList();
    Tally tally = new Tally(scope, applicable, notCompared(scope), progressEvery);
    return entities
        .mapAsync(parallelism, entity -> CompletableFuture.supplyAsync(() -> verify(entity), executor)
            .thenCompose(verified -> check(verified, applicable)))
        .statefulMap(() -> tally,
            (t, checked) -> Pair.create(t, t.add(checked.first(), checked.second())),
            t -> Optional.of(Optional.of(new Update(null, t.report()))))
        .mapConcat(update -> update.map(List::of).orElse(List.of()));
  }

  private List<String> notCompared(Scope scope) {
    List<String> not = new ArrayList<>(notCompared);
    if (!scope.isEntity()) {
      checks.stream().filter(c -> c.kind() == EntityCheck.Kind.STATE)
          .forEach(c -> not.add(c.name() + ": only when verifying one entity (it wakes the entity)"));
    }
    return not;
  }

  private VerifiedEntity<?, ?> verify(List<RawRow> rows) {
    String persistenceId = rows.get(0).persistenceId();
    AuditedEntity<?, ?> type = AuditedEntity.forPersistenceId(persistenceId).orElseThrow();
    EntityVerifier<?, ?> verifier = type.verifier(AuditedEntity.entityId(persistenceId));
    rows.forEach(raw -> verifier.accept(journal.decode(raw)));
    return verifier.result();
  }

  private static CompletionStage<Pair<VerifiedEntity<?, ?>, List<Pair<EntityCheck, EntityCheck.Result>>>> check(
      VerifiedEntity<?, ?> entity, List<EntityCheck> checks) {
    List<Pair<EntityCheck, EntityCheck.Result>> found = new ArrayList<>();
    if (!entity.intact() || checks.isEmpty()) {
      return CompletableFuture.completedFuture(Pair.create(entity, found));
    }
    CompletableFuture<?>[] all = checks.stream()
        .map(c -> c.check(entity).toCompletableFuture()
            .exceptionally(e -> EntityCheck.Result.differ(List.of(EntityCheck.Difference.of(
                c.name(), "the comparison failed: " + e.getMessage()))))
            .thenAccept(result -> {
              synchronized (found) {
                found.add(Pair.create(c, result));
              }
            }))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(all).thenApply(done -> Pair.create(entity, found));
  }

  /** The running totals; emits progress at most every {@code progressEvery}. */
  private static final class Tally {
    private static final int MAX_LISTED = 1000;
    private final Scope scope;
    private final List<EntityCheck> checks;
    private final List<String> notCompared;
    private final long every;
    private final Instant startedAt = Instant.now();
    private final long started = System.nanoTime();
    private long lastProgress = System.nanoTime();
    private long entities, events, unchained, broken, mismatches, behindCount;
    private boolean truncated;
    private final List<VerifyReport.BrokenChain> brokenChains = new ArrayList<>();
    private final List<VerifyReport.Mismatch> state = new ArrayList<>();
    private final List<VerifyReport.Mismatch> readModels = new ArrayList<>();
    private final List<VerifyReport.Behind> behind = new ArrayList<>();

    Tally(Scope scope, List<EntityCheck> checks, List<String> notCompared, Duration every) {
      this.scope = scope;
      this.checks = checks;
      this.notCompared = notCompared;
      this.every = every.toNanos();
    }

    Optional<Update> add(VerifiedEntity<?, ?> e, List<Pair<EntityCheck, EntityCheck.Result>> results) {
      entities++;
      events += e.events();
      unchained += e.unchained();
      String type = e.entity().entityType();
      if (!e.intact()) {
        broken++;
        list(brokenChains, new VerifyReport.BrokenChain(type, e.entityId(), e.persistenceId(),
            e.firstBadSeqNr(), e.reason()));
      }
      for (Pair<EntityCheck, EntityCheck.Result> r : results) {
        EntityCheck check = r.first();
        if (r.second().behind() != null) {
          behindCount++;
          list(behind, new VerifyReport.Behind(type, e.entityId(), check.name(), r.second().behind()));
        }
        for (EntityCheck.Difference d : r.second().differences()) {
          mismatches++;
          list(check.kind() == EntityCheck.Kind.STATE ? state : readModels,
              VerifyReport.Mismatch.of(type, e.entityId(), check.name(), d));
        }
      }
      long now = System.nanoTime();
      if (now - lastProgress < every) {
        return Optional.empty();
      }
      lastProgress = now;
      return Optional.of(new Update(new VerifyReport.Progress(entities, events, broken, mismatches,
          behindCount, (now - started) / 1_000_000), null));
    }

    private <T> void list(List<T> list, T item) {
      if (list.size() < MAX_LISTED) {
        list.add(item);
      } else {
        truncated = true;
      }
    }

    VerifyReport report() {
      return new VerifyReport(scope.describe(), startedAt, (System.nanoTime() - started) / 1_000_000,
          entities, events, unchained, broken, mismatches, behindCount, List.copyOf(brokenChains),
          List.copyOf(state), List.copyOf(readModels), List.copyOf(behind),
          checks.stream().map(EntityCheck::name).toList(), notCompared, truncated);
    }
  }
}
