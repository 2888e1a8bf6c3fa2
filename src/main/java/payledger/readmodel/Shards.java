package payledger.readmodel;

/**
 * The shards within an hour of the order lists ({@code rm_orders_by_hour_shard},
 * {@code rm_orders_by_status_hour_shard}) and of the KPI facts ({@code rm_kpi_facts_shard}): an
 * item's shard is a function of its id alone, so its rows stay in one partition whatever else
 * changes, and an hour of 1,000 orders/s (3.6 M rows) is {@value #COUNT} partitions of ~225 k.
 * Listings read the shards of an hour together and merge them ({@link ShardMerge}).
 */
public final class Shards {

  /** Shards per hour. Changing it moves rows between partitions: a rebuild (docs/OPERATIONS.md). */
  public static final int COUNT = 16;

  private Shards() {}

  /** {@code id}'s shard, 0 to {@link #COUNT} - 1 ({@link String#hashCode} is the same on every JVM). */
  public static int of(String id) {
    return Math.floorMod(id.hashCode(), COUNT);
  }
}
