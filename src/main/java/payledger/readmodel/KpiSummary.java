package payledger.readmodel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pure: the daily summary of a partition of KPI facts, one {@link Tally} per payment method and
 * gateway, each fact counted by every counter of {@link KpiCatalog#COUNTERS} that takes it.
 * Recomputed from the whole partition each time, so it is the same however often the facts were
 * redelivered.
 */
public final class KpiSummary {

  private KpiSummary() {}

  public static Map<ReadModelStore.Dims, Tally> of(Collection<KpiFact> facts) {
    Map<ReadModelStore.Dims, Tally> tallies = new LinkedHashMap<>();
    for (KpiFact f : facts) {
      Tally t = tallies.computeIfAbsent(new ReadModelStore.Dims(f.method(), f.gateway()), d -> new Tally());
      KpiCatalog.COUNTERS.forEach(c -> c.add(t, f));
    }
    return tallies;
  }
}
