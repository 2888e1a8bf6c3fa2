package payledger.audit;

import java.time.Instant;

/**
 * What to verify or export: one entity, the entities with an event in [{@code from}, {@code to}),
 * or the whole journal.
 *
 * @param entityType, entityId set together for one entity, else null
 * @param from, to null for an open end
 */
public record Scope(String entityType, String entityId, Instant from, Instant to) {

  public static Scope entity(String entityType, String entityId) {
    return new Scope(entityType, entityId, null, null);
  }

  public static Scope range(Instant from, Instant to) {
    return new Scope(null, null, from, to);
  }

  public static Scope everything() {
    return new Scope(null, null, null, null);
  }

  public boolean isEntity() {
    return entityId != null;
  }

  public boolean contains(Instant at) {
    return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
  }

  /** Why there is nothing to verify or export: no event of the journal is in the scope. */
  public String nothingFound() {
    if (isEntity()) {
      return "the journal holds no events of " + entityType + " " + entityId;
    }
    if (from == null && to == null) {
      return "the journal holds no events";
    }
    return "the journal holds no events from " + (from == null ? "the beginning" : from) + " to "
        + (to == null ? "now" : to);
  }

  public String describe() {
    if (isEntity()) {
      return entityType + " " + entityId;
    }
    if (from == null && to == null) {
      return "the whole journal";
    }
    return "events from " + (from == null ? "the beginning" : from) + " to "
        + (to == null ? "now" : to);
  }
}
