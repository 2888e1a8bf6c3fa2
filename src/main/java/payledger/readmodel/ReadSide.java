package payledger.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/**
 * The read side's Cassandra pieces of one node, on the journal's session and keyspace: the store
 * the projections write, the KPI tables (tallies and facts) and the list queries.
 */
public record ReadSide(CassandraSession session, String keyspace, ReadModelStore store,
    KpiStore kpis, ReadModelQueries queries) {

  /** Made on first use: nodes without a read side (in-memory tests) never open a session for it. */
  public static Supplier<ReadSide> lazy(ActorSystem<?> system) {
    AtomicReference<ReadSide> made = new AtomicReference<>();
    return () -> made.updateAndGet(existing -> existing != null ? existing : of(system));
  }

  public static ReadSide of(ActorSystem<?> system) {
    CassandraSession session =
        CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra");
    String keyspace =
        system.settings().config().getString("pekko.persistence.cassandra.journal.keyspace");
    // The mapper of the jackson-cbor binding: the one the journal uses for these very states.
    ObjectMapper cbor = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-cbor", Optional.empty());
    return new ReadSide(session, keyspace, new CassandraReadModelStore(session, keyspace, cbor),
        new CassandraKpiStore(session, system, keyspace, ReadModelProjections.tags()), new ReadModelQueries(session, keyspace));
  }
}
