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

  /** What disagrees, or why the entity could not be compared (yet). */
  CompletionStage<Result> check(VerifiedEntity<?, ?> entity);

  /**
   * One value that disagrees with the replay.
   *
   * @param table where it is kept (a table, or "live entity")
   * @param field the column or state field, or {@link #ROW} for a row that is missing or extra
   * @param expected what the replayed journal gives; {@code found} what is kept
   */
  record Difference(String table, String field, String expected, String found) {

    public static final String ROW = "(row)";

    /** For a check that can only say what is wrong in words. */
    public static Difference of(String table, String sentence) {
      return new Difference(table, null, null, sentence);
    }

    public String describe() {
      return field == null ? table + ": " + found
          : table + " " + field + ": expected " + expected + ", found " + found;
    }
  }

  /**
   * @param differences empty when the entity and the other side agree
   * @param behind why the other side could not be compared yet (a projection not caught up with
   *     the journal), else null; nothing was compared then
   */
  record Result(List<Difference> differences, String behind) {

    public static Result agree() {
      return new Result(List.of(), null);
    }

    public static Result differ(List<Difference> differences) {
      return new Result(List.copyOf(differences), null);
    }

    public static Result behind(String why) {
      return new Result(List.of(), why);
    }
  }
}
