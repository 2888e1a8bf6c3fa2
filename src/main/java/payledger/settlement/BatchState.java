package payledger.settlement;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import payledger.chain.ChainedState;
import payledger.serialization.CborSerializable;
import payledger.settlement.BatchEvent.FindingDeadlinePassed;
import payledger.settlement.BatchEvent.FindingRaised;
import payledger.settlement.BatchEvent.FindingResolved;

/**
 * A payout batch's findings, by id in the order they were raised, and the last hash of the
 * batch's chain. Immutable: {@link #apply} answers a new state.
 */
public record BatchState(String batchKey, Map<String, FindingStatus> findings, String lastHash)
    implements ChainedState<BatchState>, CborSerializable {

  public BatchState {
    findings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(findings));
  }

  public static BatchState empty(String batchKey) {
    return new BatchState(batchKey, Map.of(), null);
  }

  public Optional<FindingStatus> finding(String findingId) {
    return Optional.ofNullable(findings.get(findingId));
  }

  public Collection<FindingStatus> all() {
    return findings.values();
  }

  public BatchState apply(BatchEvent event) {
    Map<String, FindingStatus> next = new LinkedHashMap<>(findings);
    if (event instanceof FindingRaised r) {
      next.putIfAbsent(r.finding().findingId(), FindingStatus.raised(r.finding()));
    } else if (event instanceof FindingDeadlinePassed p) {
      next.computeIfPresent(p.findingId(), (id, f) -> f.passed(p.deadline(), p.escalation()));
    } else if (event instanceof FindingResolved r) {
      next.computeIfPresent(r.findingId(), (id, f) -> f.resolved(r.resolvedBy(), r.reason(), r.at()));
    }
    return new BatchState(batchKey, next, lastHash);
  }

  @Override
  public BatchState withLastHash(String hash) {
    return new BatchState(batchKey, findings, hash);
  }
}
