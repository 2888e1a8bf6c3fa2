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
 * @param readModelMismatches replayed events against read-model rows
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
    List<BrokenChain> brokenChains,
    List<Mismatch> stateMismatches,
    List<Mismatch> readModelMismatches,
    List<String> compared,
    List<String> notCompared,
    boolean truncated) {

  @JsonProperty("ok")
  public boolean ok() {
    return brokenChainCount == 0 && mismatchCount == 0;
  }

  public record BrokenChain(
      String entityType, String entityId, String persistenceId, long firstBadSeqNr, String reason) {}

  public record Mismatch(String entityType, String entityId, String check, String detail) {}

  /** How far a long verification has come. */
  public record Progress(long entitiesChecked, long eventsChecked, long brokenChains,
      long mismatches, long elapsedMillis) {}
}
