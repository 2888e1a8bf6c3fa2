package payledger.settlement;

import java.time.Instant;
import payledger.serialization.CborSerializable;

/**
 * The events of a {@link SettlementBatch}. Every event names its batch ({@code gateway/batch}) so
 * projections never parse persistence ids.
 */
public sealed interface BatchEvent extends CborSerializable {
  String batchKey();

  /** A reconciliation run found something wrong in the batch; its deadlines start now. */
  record FindingRaised(String batchKey, Finding finding) implements BatchEvent {}

  /**
   * An SLA moment of an open finding came.
   *
   * @param escalation the finding's escalation level after it (a breach raises it by one)
   */
  record FindingDeadlinePassed(String batchKey, String findingId, FindingType type,
      FindingDeadline deadline, Instant dueAt, int escalation, Instant at) implements BatchEvent {}

  /** A finance user resolved the finding: who, why and when (the audit of the resolution). */
  record FindingResolved(String batchKey, String findingId, String resolvedBy, String reason,
      Instant at) implements BatchEvent {}
}
