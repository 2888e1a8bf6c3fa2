package payledger.readmodel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the next rows of each shard of a segment, each read in the listing's order and cut at
 * the same batch size, into one run in that order. Past the last row of a shard that filled its
 * batch that shard may hold rows not read yet, so the run stops there: at the smallest of the full
 * shards' last rows. Every row up to it was read, so the run is exactly the segment's next rows;
 * the next read starts after the run's last row in every shard.
 */
final class ShardMerge {

  /** @param more whether the segment may hold rows after {@code rows} (a shard filled its batch) */
  record Run<T>(List<T> rows, boolean more) {}

  private ShardMerge() {}

  static <T> Run<T> merge(List<List<T>> shards, int batch, Comparator<T> order) {
    T bound = null;
    for (List<T> rows : shards) {
      if (rows.size() >= batch) {
        T last = rows.get(rows.size() - 1);
        bound = bound == null || order.compare(last, bound) < 0 ? last : bound;
      }
    }
    if (shards.size() == 1) {
      return new Run<>(shards.get(0), bound != null);
    }
    record Head<T>(List<T> rows, int at) {}
    PriorityQueue<Head<T>> heads = new PriorityQueue<>((a, b) -> order.compare(a.rows().get(a.at()), b.rows().get(b.at())));
    shards.stream().filter(rows -> !rows.isEmpty()).forEach(rows -> heads.add(new Head<>(rows, 0)));
    List<T> run = new ArrayList<>();
    while (!heads.isEmpty()) {
      Head<T> head = heads.poll();
      T row = head.rows().get(head.at());
      if (bound != null && order.compare(row, bound) > 0) {
        break;
      }
      run.add(row);
      if (head.at() + 1 < head.rows().size()) {
        heads.add(new Head<>(head.rows(), head.at() + 1));
      }
    }
    return new Run<>(run, bound != null);
  }
}
