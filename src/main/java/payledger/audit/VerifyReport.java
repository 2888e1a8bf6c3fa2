package payledger.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a verification.
 *
 * @param scope what was asked for: one entity, a time range, or everything
 * @param entitiesChecked entities replayed (in a range: those with an event in it, checked whole)
 * @param eventsChecked journal rows read for those entities
 * @param unchainedEvents events written before the chain existed (verified by replay only)
 * @param brokenChains one line per entity whose journal does not verify, at its first bad seqNr
 * @param stateMismatches replayed state against the live entity
 * @param readModelMismatches replayed events against read-model rows: each names the table, the
 *     field, the value the journal gives and the value found
 * @param behind entities a check could not compare because the read model has not caught up with
 *     the journal (or the entity changed while it was verified): not compared, not a mismatch
 * @param compared the comparisons that ran; notCompared what verification cannot compare yet
 * @param truncated true when more problems were found than the report lists (the counts are whole)
 */
public record VerifyReport(
    String scope,
    Instant startedAt,
    long durationMillis,
    long entitiesChecked,
    long eventsChecked,
    long unchainedEvents,
    long brokenChainCount,
    long mismatchCount,
    long behindCount,
    List<BrokenChain> brokenChains,
    List<Mismatch> stateMismatches,
    List<Mismatch> readModelMismatches,
    List<Behind> behind,
    List<String> compared,
    List<String> notCompared,
    boolean truncated) {

  @JsonProperty("ok")
  public boolean ok() {
    return brokenChainCount == 0 && mismatchCount == 0;
  }

  public record BrokenChain(
      String entityType, String entityId, String persistenceId, long firstBadSeqNr, String reason) {}

  /**
   * @param table, field, expected, found what disagrees (see {@link EntityCheck.Difference}); field
   *     and expected are null when the check can only say it in words
   * @param detail the same in one sentence
   */
  public record Mismatch(String entityType, String entityId, String check, String table,
      String field, String expected, String found, String detail) {

    static Mismatch of(String entityType, String entityId, String check, EntityCheck.Difference d) {
      return new Mismatch(entityType, entityId, check, d.table(), d.field(), d.expected(),
          d.found(), d.describe());
    }
  }

  /** An entity a check left out, and why. */
  public record Behind(String entityType, String entityId, String check, String detail) {}

  /** How far a long verification has come. */
  public record Progress(long entitiesChecked, long eventsChecked, long brokenChains,
      long mismatches, long behind, long elapsedMillis) {}
}
