package payledger.audit;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A comparison of a replayed entity with something kept elsewhere: the live entity's state, or a
 * read model fed by a projection. Verification runs every check it is given on every intact entity
 * and reports what they find; a new read model plugs in by implementing this.
 */
public interface EntityCheck {

  enum Kind {
    /** The replayed state against the entity's own (live) state. */
    STATE,
    /** The replayed events against rows a projection wrote. */
    READ_MODEL
  }

  Kind kind();

  /** Names the comparison in the report, e.g. "deadlines table". */
  String name();

  /** What disagrees, one sentence each; empty when the entity and the other side agree. */
  CompletionStage<List<String>> check(VerifiedEntity<?, ?> entity);
}
