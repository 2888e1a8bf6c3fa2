package payledger.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import payledger.chain.Canonical;

/**
 * What auditors can do with the journal, for the HTTP routes and the command-line tool alike: read
 * one entity's journal, export a time range as NDJSON, verify. Settings from {@code payledger.audit}.
 */
public final class Audit {

  private final ActorSystem<?> system;
  private final CassandraJournal journal;
  private final Verification verification;
  private final Executor executor;
  private final int parallelism;

  private Audit(ActorSystem<?> system, CassandraJournal journal, Verification verification,
      int parallelism) {
    this.system = system;
    this.journal = journal;
    this.verification = verification;
    this.executor = system.executionContext();
    this.parallelism = parallelism;
  }

  /**
   * @param checks the comparisons verification runs on every intact entity, besides the read
   *     models' ({@link ReadModelCheck}, on the journal's keyspace), which it always runs
   * @param notCompared what the report says verification does not compare (yet)
   */
  public static Audit create(ActorSystem<?> system, AuditSettings settings,
      List<EntityCheck> checks, List<String> notCompared) {
    CassandraJournal journal = new CassandraJournal(
        CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra"),
        settings.keyspace(), SerializationExtension.get(system), settings.pageSize());
    int parallelism = settings.parallelism();
    List<EntityCheck> all = new ArrayList<>(checks);
    all.add(ReadModelCheck.create(system, journal));
    Verification verification = new Verification(journal, all, notCompared,
        system.executionContext(), parallelism, settings.progressEvery());
    return new Audit(system, journal, verification, parallelism);
  }

  /**
   * One entity's journal as JSON: its rows ({@link JournalLines}) and what replaying them found;
   * empty when the journal holds nothing for it.
   */
  public CompletionStage<Optional<byte[]>> entityJournal(AuditedEntity<?, ?> type, String entityId) {
    return journal.entity(type.persistenceId(entityId))
        .map(journal::decode)
        .runWith(Sink.seq(), system)
        .thenApply(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(render(type, entityId, rows)));
  }

  /** One entity replayed from its stored rows; empty when the journal holds nothing for it. */
  public CompletionStage<Optional<VerifiedEntity<?, ?>>> replay(AuditedEntity<?, ?> type, String entityId) {
    return journal.entity(type.persistenceId(entityId))
        .map(journal::decode)
        .runWith(Sink.seq(), system)
        .thenApply(rows -> {
          if (rows.isEmpty()) {
            return Optional.empty();
          }
          EntityVerifier<?, ?> verifier = type.verifier(entityId);
          rows.forEach(verifier::accept);
          return Optional.of(verifier.result());
        });
  }

  private static byte[] render(AuditedEntity<?, ?> type, String entityId, List<JournalRow> rows) {
    EntityVerifier<?, ?> verifier = type.verifier(entityId);
    rows.forEach(verifier::accept);
    VerifiedEntity<?, ?> v = verifier.result();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("{\"persistenceId\":\"" + type.persistenceId(entityId) + "\",\"entityType\":\""
        + type.entityType() + "\",\"entityId\":\"" + entityId + "\",\"events\":[")
        .getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < rows.size(); i++) {
      out.writeBytes(JournalLines.json(rows.get(i)));
      if (i < rows.size() - 1) {
        out.write(',');
      }
    }
    out.writeBytes(("],\"chain\":{\"intact\":" + v.intact() + ",\"events\":" + v.events()
        + (v.lastHash() == null ? "" : ",\"lastHash\":\"" + v.lastHash() + "\"")
        + (v.intact() ? "" : ",\"firstBadSeqNr\":" + v.firstBadSeqNr() + ",\"reason\":"
            + new String(Canonical.bytes(new com.fasterxml.jackson.databind.node.TextNode(v.reason())),
                StandardCharsets.UTF_8))
        + "}}").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * Every journaled event of an audited entity with a timestamp in the scope's range, one JSON
   * object per line, entity by entity (each in sequence-number order; entities in no particular
   * order). Read from several token ranges and rendered in parallel, pulled as the client reads: a
   * slow client slows the Cassandra scans, nothing piles up.
   */
  public Source<ByteString, NotUsed> export(Scope scope) {
    return journal.entities(parallelism)
        .mapConcat(rows -> scope.from() == null && scope.to() == null ? List.of(rows)
            : List.of(rows.stream().filter(r -> scope.contains(r.timestamp())).toList()))
        .filter(rows -> !rows.isEmpty())
        .mapAsync(parallelism, rows -> CompletableFuture.supplyAsync(() -> {
          ByteArrayOutputStream lines = new ByteArrayOutputStream(rows.size() * 600);
          rows.forEach(raw -> JournalLines.ndjson(journal.decode(raw), lines));
          return ByteString.fromArrayUnsafe(lines.toByteArray());
        }, executor));
  }

  /**
   * Verifies the entities of the scope: progress updates, then the report. Empty when the scope
   * matches no entity of the journal: nothing to verify is not a verification that passed.
   */
  public CompletionStage<Optional<Source<Verification.Update, NotUsed>>> verify(Scope scope) {
    return verification.entities(scope).prefixAndTail(1).runWith(Sink.head(), system)
        .thenApply(first -> {
          if (first.first().isEmpty()) {
            first.second().runWith(Sink.ignore(), system);
            return Optional.empty();
          }
          return Optional.of(verification.run(scope,
              Source.from(first.first()).concat(first.second())));
        });
  }

  /** Verifies and waits for the report; empty when the scope matches no entity. */
  public CompletionStage<Optional<VerifyReport>> verifyReport(Scope scope) {
    return verify(scope).thenCompose(updates -> updates.isEmpty()
        ? CompletableFuture.completedFuture(Optional.<VerifyReport>empty())
        : updates.get().filter(u -> u.report() != null).runWith(Sink.head(), system)
            .thenApply(u -> Optional.of(u.report())));
  }
}
