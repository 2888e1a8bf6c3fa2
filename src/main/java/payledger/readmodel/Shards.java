package payledger.readmodel;

import java.time.Instant;

/**
 * The shards within an hour of the order lists ({@code rm_orders_by_hour_shard},
 * {@code rm_orders_by_status_hour_shard}) and of the KPI facts ({@code rm_kpi_facts_shard}): a
 * row's shard is the slice of the hour its time falls in ({@value #COUNT} slices of 3 min 45 s),
 * so an hour of 1,000 orders/s (3.6 M rows) is {@value #COUNT} partitions of ~225 k, while the
 * rows a projection group writes (events of a second or so) still go to one partition per list,
 * as they did to one partition per hour. Listings read the shards of an hour together and merge
 * them ({@link ShardMerge}).
 */
public final class Shards {

  /** Shards per hour. Changing it moves rows between partitions: a rebuild (docs/OPERATIONS.md). */
  public static final int COUNT = 16;

  private Shards() {}

  /** The shard of a row at {@code at}, 0 to {@link #COUNT} - 1: its slice of the UTC hour. */
  public static int of(Instant at) {
    return (int) (Math.floorMod(at.getEpochSecond(), 3600L) * COUNT / 3600);
  }
}
