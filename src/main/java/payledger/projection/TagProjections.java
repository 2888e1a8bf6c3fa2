package payledger.projection;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;

/**
 * The one way the service runs a projection: one instance per event tag, spread over the cluster
 * by ShardedDaemonProcess over the read-side nodes ({@link ReadSideNodes}; moved to a surviving
 * node when one leaves), each reading its tag's events from the Cassandra journal and keeping its
 * offset in Cassandra. It also keeps the list of what it started, so that the console and
 * {@code GET /v1/admin/projections} show every projection without a second list to keep up.
 */
public final class TagProjections {

  private TagProjections() {}

  /**
   * @param projection builds one tag's projection (at-least-once, grouped, …) from its id and
   *     its events
   */
  public static <E> void init(ActorSystem<?> system, String name, List<String> tags,
      BiFunction<ProjectionId, SourceProvider<Offset, EventEnvelope<E>>, Projection<EventEnvelope<E>>> projection) {
    ShardedDaemonProcess.get(system).init(
        ProjectionBehavior.Command.class,
        name,
        tags.size(),
        i -> ProjectionBehavior.create(projection.apply(ProjectionId.of(name, tags.get(i)),
            EventSourcedProvider.eventsByTag(system, CassandraReadJournal.Identifier(), tags.get(i)))),
        ReadSideNodes.daemons(system),
        Optional.of(ProjectionBehavior.stopMessage()));
    tags.forEach(tag -> Started.ID.apply(system).ids.add(ProjectionId.of(name, tag)));
  }

  /** Every projection instance {@link #init} started on this actor system, in start order. */
  public static List<ProjectionId> started(ActorSystem<?> system) {
    return List.copyOf(Started.ID.apply(system).ids);
  }

  private static final class Started implements Extension {

    static final ExtensionId<Started> ID = new ExtensionId<>() {
      @Override
      public Started createExtension(ActorSystem<?> system) {
        return new Started();
      }
    };

    final List<ProjectionId> ids = new CopyOnWriteArrayList<>();
  }
}
