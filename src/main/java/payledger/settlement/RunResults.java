package payledger.settlement;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;

/**
 * What a run's matches leave behind besides findings — each matched line under its order, each
 * settled ledger event under its journal day — gathered as the run matches (spilled, sorted, to
 * local disk: memory stays bounded whatever the file) and written once the lines are matched, as
 * sorted blobs ({@link OrderLineSets}, {@link SettledSets}): a blob per bucket of orders and month,
 * and per day and gateway, instead of a row per line. The files are deleted on {@link #close()}.
 */
final class RunResults implements AutoCloseable {

  /** Records sorted in memory at once before a run of them is spilled. */
  static final int SPILL_RUN = 100_000;
  /** Blob groups written at once (their parts a few hundred kilobytes at most each). */
  static final int GROUPS_PER_WRITE = 64;

  private final String importId;
  private final RecordSpill<OrderLineSets.Entry> orderLines;
  private final RecordSpill<SettledSets.Key> settled;

  RunResults(String importId, Path dir) {
    this.importId = importId;
    this.orderLines = new RecordSpill<>(dir, SPILL_RUN, OrderLineSets.ORDER, OrderLineSets.SPILL);
    this.settled = new RecordSpill<>(dir, SPILL_RUN, SettledSets.ORDER, SettledSets.SPILL);
  }

  /** Matches that settle a ledger event. */
  void add(List<LineMatch> matches) {
    for (LineMatch match : matches) {
      orderLines.add(OrderLineSets.Entry.of(importId, match));
      settled.add(SettledSets.Key.of(match));
    }
  }

  /**
   * The order lines, then the settled sets, a few groups at a time, every part stamped with the
   * run's instant: a re-run writes the same parts again and readers take each import's newest.
   */
  CompletionStage<Done> write(SettlementStore store, Instant runAt) {
    Iterator<SetParts.Group<OrderLineSets.Key>> orders = SetParts.cut(orderLines.sorted(),
        OrderLineSets.PER_PART, OrderLineSets.Entry::key, OrderLineSets.Entry::orderId, OrderLineSets::encode);
    Iterator<SetParts.Group<SettledSets.Day>> days = SetParts.cut(settled.sorted(), SettledSets.PER_PART,
        SettledSets.Key::group, k -> k.paymentId() + "\u0000" + k.eventKey(), SettledSets::encode);
    return inWindows(orders, groups -> store.saveOrderLines(importId, runAt, groups))
        .thenCompose(done -> inWindows(days, groups -> store.saveSettledSets(importId, runAt, groups)));
  }

  private static <K> CompletionStage<Done> inWindows(Iterator<SetParts.Group<K>> groups,
      Function<List<SetParts.Group<K>>, CompletionStage<Done>> save) {
    List<SetParts.Group<K>> window = new ArrayList<>();
    while (groups.hasNext() && window.size() < GROUPS_PER_WRITE) {
      window.add(groups.next());
    }
    return window.isEmpty() ? CompletableFuture.completedFuture(Done.getInstance())
        : save.apply(window).thenCompose(done -> inWindows(groups, save));
  }

  @Override
  public void close() {
    orderLines.close();
    settled.close();
  }
}
