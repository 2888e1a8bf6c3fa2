package payledger.chain;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.journal.ReadEventAdapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payledger.dispute.DisputeCase;
import payledger.dispute.DisputeEvent;
import payledger.order.OrderEvent;
import payledger.order.OrderState;
import payledger.testing.TestConfigs;

/**
 * Rows the Cassandra journal and snapshot store hold from before the hash chain moved to this
 * package (src/test/resources/chain/journal-before-move.json, written by the old code) still read
 * with today's configuration: the serializer found by its stored identifier and manifest, the read
 * adapter the journal plugin is configured with, the event classes the stored event manifests name,
 * the chain's hashes, and the replayed state equal to the stored snapshot.
 */
class StoredJournalCompatibilityTest {

  private static final String JOURNAL = "pekko.persistence.cassandra.journal";

  private static ActorTestKit testKit;
  private static Serialization serialization;
  private static Config config;

  @BeforeAll
  static void start() {
    config = TestConfigs.entityTestKit();
    testKit = ActorTestKit.create(config);
    serialization = SerializationExtension.get(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static JsonNode stored() throws Exception {
    try (InputStream in = StoredJournalCompatibilityTest.class.getResourceAsStream("/chain/journal-before-move.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void theJournalPluginUnchainsChainedEventsWithTheConfiguredAdapter() {
    Config adapters = config.getConfig(JOURNAL);
    assertEquals("unchain",
        adapters.getConfig("event-adapter-bindings").root().get(ChainedEvent.class.getName()).unwrapped());
    assertEquals(Unchain.class.getName(), adapters.getString("event-adapters.unchain"));
  }

  @Test
  void anOrderJournalWrittenBeforeTheMoveReplaysToItsSnapshot() throws Exception {
    replays("OrderLedger|order-1", OrderState.empty("order-1"), (s, e) -> s.apply((OrderEvent) e));
  }

  @Test
  void aDisputeJournalWrittenBeforeTheMoveReplaysToItsSnapshot() throws Exception {
    replays("Dispute|PL-TEST", DisputeCase.empty("PL-TEST"), (s, e) -> s.apply((DisputeEvent) e));
  }

  private static <S extends ChainedState<S>> void replays(String persistenceId, S empty,
      BiFunction<S, Object, S> apply) throws Exception {
    JsonNode stored = stored();
    ReadEventAdapter unchain = (ReadEventAdapter) Class.forName(config.getString(JOURNAL + ".event-adapters.unchain"))
        .getDeclaredConstructor().newInstance();
    List<JsonNode> rows = new ArrayList<>();
    stored.path("rows").forEach(r -> {
      if (r.path("persistenceId").asText().equals(persistenceId)) {
        rows.add(r);
      }
    });
    assertFalse(rows.isEmpty());

    S state = empty;
    String lastHash = HashChain.GENESIS;
    for (JsonNode row : rows) {
      Object journaled = serialization.deserialize(Base64.getDecoder().decode(row.path("event").asText()),
          row.path("serId").asInt(), row.path("serManifest").asText()).get();
      ChainedEvent chained = assertInstanceOf(ChainedEvent.class, journaled, "row " + row.path("seqNr"));
      assertEquals(lastHash, chained.prevHash());
      assertTrue(chained.hashMatches(), "hash of row " + row.path("seqNr"));

      Object event = unchain.fromJournal(journaled, row.path("eventManifest").asText()).events().head();
      assertEquals(row.path("eventManifest").asText(), event.getClass().getName());
      assertArrayEquals(chained.payload(), Canonical.bytes(event));
      state = HashChain.follow(state, event, apply);
      lastHash = chained.hash();
    }
    assertEquals(lastHash, state.lastHash());

    JsonNode snapshot = null;
    for (JsonNode s : stored.path("snapshots")) {
      if (s.path("persistenceId").asText().equals(persistenceId)) {
        snapshot = s;
      }
    }
    assertNotNull(snapshot);
    Object restored = serialization.deserialize(Base64.getDecoder().decode(snapshot.path("snapshot").asText()),
        snapshot.path("serId").asInt(), snapshot.path("serManifest").asText()).get();
    assertEquals(state, restored);
  }
}
