package payledger.web.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import payledger.readmodel.ProjectionStatus;
import payledger.web.Countdown;
import payledger.web.Times;

/**
 * The dashboard's health of the read side and the cluster: per projection, where its instances
 * stand ({@link ProjectionStatus}, as {@code GET /v1/admin/projections}: the journal time of the
 * last event each stored an offset for, and its age — an upper bound of the lag that keeps growing
 * while no new event arrives); and the cluster's members as this node sees them (status, roles,
 * reachable or not).
 */
final class Health {

  private Health() {}

  /** Where every projection instance stands now (offsets are journal times: the wall clock). */
  static CompletionStage<List<ProjectionStatus.Instance>> projections(ActorSystem<?> system) {
    return ProjectionStatus.of(system, ProjectionStatus.all(system), Instant.now());
  }

  /**
   * One row per projection: its instances, how many stored an offset, the oldest offset (the
   * instance furthest behind) and its age in the page's words.
   */
  static List<Map<String, Object>> projectionRows(List<ProjectionStatus.Instance> instances,
      Map<String, String> t) {
    Map<String, List<ProjectionStatus.Instance>> byName = new LinkedHashMap<>();
    instances.forEach(i -> byName.computeIfAbsent(i.name(), n -> new ArrayList<>()).add(i));
    List<Map<String, Object>> rows = new ArrayList<>();
    byName.forEach((name, all) -> {
      List<ProjectionStatus.Instance> started = all.stream().filter(i -> i.offsetTime() != null).toList();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", name);
      r.put("instances", all.size());
      r.put("started", started.size());
      started.stream().min(Comparator.comparing(ProjectionStatus.Instance::offsetTime)).ifPresentOrElse(oldest -> {
        r.put("oldest", Times.at(oldest.offsetTime()));
        r.put("age", Countdown.span(Duration.ofMillis(Math.round(oldest.lagSeconds() * 1000)), t));
      }, () -> {
        r.put("oldest", t.getOrDefault("health_no_offset", "–"));
        r.put("age", "–");
      });
      rows.add(r);
    });
    return rows;
  }

  /** The cluster's members as this node sees them, the unreachable ones marked. */
  static List<Map<String, Object>> nodes(ActorSystem<?> system) {
    Cluster cluster = Cluster.get(system);
    ClusterEvent.CurrentClusterState state = cluster.state();
    Set<Member> unreachable = state.getUnreachable();
    List<Map<String, Object>> rows = new ArrayList<>();
    StreamSupport.stream(state.getMembers().spliterator(), false).forEach(m -> {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("address", m.address().toString());
      r.put("status", m.status().toString());
      r.put("roles", String.join(", ", m.getRoles().stream().filter(role -> !role.startsWith("dc-")).sorted().toList()));
      r.put("self", m.equals(cluster.selfMember()));
      r.put("reachable", !unreachable.contains(m));
      rows.add(r);
    });
    return rows;
  }
}
