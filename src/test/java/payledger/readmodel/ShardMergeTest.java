package payledger.readmodel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The merge of an hour's shards: read batch by batch as {@link Listing} reads them, the shards give
 * exactly the rows of one partition, in its order, whatever the batch size and however the rows
 * fall among the shards.
 */
class ShardMergeTest {

  /** (time, id) as a listing orders its rows. */
  record Item(long at, String id) {}

  private static final Comparator<Item> ORDER = Comparator.comparingLong(Item::at).thenComparing(Item::id);

  @Test
  void aRunStopsAtTheSmallestLastRowOfTheFullShards() {
    List<Item> full = List.of(new Item(1, "a"), new Item(5, "b"));
    List<Item> fullEarlier = List.of(new Item(2, "c"), new Item(3, "d"));
    List<Item> partial = List.of(new Item(4, "e"));
    ShardMerge.Run<Item> run = ShardMerge.merge(List.of(full, fullEarlier, partial), 2, ORDER);
    assertEquals(List.of(new Item(1, "a"), new Item(2, "c"), new Item(3, "d")), run.rows());
    assertTrue(run.more());
  }

  @Test
  void noFullShardMeansTheSegmentIsOver() {
    ShardMerge.Run<Item> run = ShardMerge.merge(
        List.of(List.of(new Item(2, "b")), List.of(), List.of(new Item(1, "a"), new Item(2, "a"))), 3, ORDER);
    assertEquals(List.of(new Item(1, "a"), new Item(2, "a"), new Item(2, "b")), run.rows());
    assertFalse(run.more());
  }

  @Test
  void aLonePartitionIsReadAsItIs() {
    List<Item> rows = List.of(new Item(1, "a"), new Item(2, "b"));
    assertEquals(new ShardMerge.Run<>(rows, true), ShardMerge.merge(List.of(rows), 2, ORDER));
  }

  @Test
  void readingShardsBatchByBatchGivesThePartitionsRowsInOrder() {
    Random random = new Random(16);
    for (int round = 0; round < 200; round++) {
      int shards = 1 + random.nextInt(16);
      int batch = 1 + random.nextInt(7);
      TreeSet<Item> all = new TreeSet<>(ORDER);
      IntStream.range(0, random.nextInt(120)).forEach(i ->
          all.add(new Item(random.nextInt(30), "o" + random.nextInt(1000))));
      List<List<Item>> byShard = new ArrayList<>();
      IntStream.range(0, shards).forEach(s -> byShard.add(new ArrayList<>()));
      all.forEach(item -> byShard.get(Math.floorMod(item.id().hashCode(), shards)).add(item));

      List<Item> listed = new ArrayList<>();
      Item after = null;
      boolean more = true;
      int reads = 0;
      while (more) {
        Item from = after;
        List<List<Item>> next = byShard.stream().map(rows -> rows.stream()
            .filter(r -> from == null || ORDER.compare(r, from) > 0).limit(batch).toList()).toList();
        ShardMerge.Run<Item> run = ShardMerge.merge(next, batch, ORDER);
        listed.addAll(run.rows());
        more = run.more();
        after = run.rows().isEmpty() ? after : run.rows().get(run.rows().size() - 1);
        assertTrue(++reads <= all.size() + 1, "each read moves on");
      }
      assertEquals(new ArrayList<>(all), listed, "shards " + shards + ", batch " + batch);
    }
  }

  @Test
  void newestFirstSegmentsMergeNewestFirst() {
    Comparator<Item> newestFirst = ORDER.reversed();
    ShardMerge.Run<Item> run = ShardMerge.merge(List.of(
        List.of(new Item(9, "a"), new Item(3, "a")), List.of(new Item(7, "b"))), 5, newestFirst);
    assertEquals(List.of(new Item(9, "a"), new Item(7, "b"), new Item(3, "a")), run.rows());
  }
}
