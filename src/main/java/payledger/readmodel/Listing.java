package payledger.readmodel;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/**
 * Cursor pagination over a sequence of partitions ("segments") read in clustering order, with
 * filters applied while reading (only ever within partitions a query names: no ALLOW FILTERING).
 * A page holds up to {@code limit} rows; its token names the segment and clustering key of its last
 * row. A scan stops after {@link #MAX_SCAN} rows even when filters matched fewer, and then hands
 * out a token at the last row read, so one request never reads without bound.
 *
 * <p>A segment may be an hour cut into shards ({@link Shards}): its shards are read together and
 * merged by the segment's clustering order ({@link ShardMerge}), so it lists, pages and takes page
 * tokens exactly as one partition would (a token names the hour, never a shard).
 */
public final class Listing<T> {

  static final int MAX_SCAN = 5_000;
  private static final int BATCH = 500;
  /** Segments read at once. */
  private static final int WINDOW = 24;
  /** Partitions read at once when segments are sharded. */
  private static final int PARTITIONS = 48;

  /**
   * One partition of one table, or {@code shards} of them ({@code where} then followed by
   * {@code AND shard = ?}, 0 to shards - 1). {@code timeColumn} and {@code idColumn} are its
   * clustering columns ({@code timeColumn} null when it has only the id); {@code descending} for
   * newest-first tables.
   */
  public record Segment(String name, String table, String where, List<Object> values,
      String timeColumn, String idColumn, boolean descending, int shards) {

    public Segment(String name, String table, String where, List<Object> values,
        String timeColumn, String idColumn, boolean descending) {
      this(name, table, where, values, timeColumn, idColumn, descending, 1);
    }
  }

  public record Page<T>(List<T> items, String nextPageToken) {}

  private final CassandraSession session;
  private final String keyspace;
  private final Function<Row, T> map;
  private final Function<T, Instant> time;
  private final Function<T, String> id;

  public Listing(CassandraSession session, String keyspace, Function<Row, T> map,
      Function<T, Instant> time, Function<T, String> id) {
    this.session = session;
    this.keyspace = keyspace;
    this.map = map;
    this.time = time;
    this.id = id;
  }

  /**
   * @param start where to begin when there is no token (exclusive), or null for the beginning
   * @param keep the filter; {@code stop} ends the scan at the first row it accepts
   */
  public CompletionStage<Page<T>> page(List<Segment> segments, PageToken token, PageToken start,
      Predicate<T> keep, Predicate<T> stop, int limit) {
    PageToken from = token != null ? token : start;
    int index = 0;
    if (from != null) {
      index = indexOf(segments, from.segment());
      if (index < 0) {
        if (token != null) {
          throw new PageToken.Invalid("pageToken does not belong to this query");
        }
        from = null;
        index = 0;
      }
    }
    return next(segments, index, from, keep, stop, limit, new ArrayList<>(), 0);
  }

  /** A row kept, with the segment it came from (the page token names it). */
  private record Hit<T>(T item, Segment segment) {}

  private CompletionStage<Page<T>> next(List<Segment> segments, int index, PageToken after,
      Predicate<T> keep, Predicate<T> stop, int limit, List<Hit<T>> found, int scanned) {
    if (index >= segments.size()) {
      return CompletableFuture.completedFuture(page(found, limit, null));
    }
    // The next few segments are read at once (most of a day's hours are small or empty); taken in
    // order, and those after a segment that has more rows than one read are read again later.
    int window = Math.min(Math.max(1, Math.min(WINDOW, PARTITIONS / segments.get(index).shards())),
        segments.size() - index);
    List<List<CompletableFuture<List<Row>>>> reads = new ArrayList<>();
    for (int i = 0; i < window; i++) {
      Segment seg = segments.get(index + i);
      List<CompletableFuture<List<Row>>> shards = new ArrayList<>();
      for (int shard = 0; shard < seg.shards(); shard++) {
        shards.add(session.selectAll(statement(seg, shard, i == 0 ? after : null, batch(seg, limit)))
            .toCompletableFuture());
      }
      reads.add(shards);
    }
    return CompletableFuture.allOf(reads.stream().flatMap(List::stream).toArray(CompletableFuture[]::new))
        .thenCompose(v -> {
      int read = scanned;
      for (int i = 0; i < window; i++) {
        Segment seg = segments.get(index + i);
        List<List<T>> shards = reads.get(i).stream()
            .map(rows -> rows.join().stream().map(map).toList()).toList();
        ShardMerge.Run<T> run = ShardMerge.merge(shards, batch(seg, limit), order(seg));
        T last = null;
        for (T item : run.rows()) {
          if (stop.test(item)) {
            return CompletableFuture.completedFuture(page(found, limit, null));
          }
          read++;
          last = item;
          if (keep.test(item)) {
            found.add(new Hit<>(item, seg));
            if (found.size() > limit) {
              return CompletableFuture.completedFuture(page(found, limit, null));
            }
          }
          if (read >= MAX_SCAN) {
            return CompletableFuture.completedFuture(page(found, limit, tokenOf(seg, item)));
          }
        }
        if (run.more()) {
          return next(segments, index + i, tokenOf(seg, last), keep, stop, limit, found, read);
        }
      }
      return next(segments, index + window, null, keep, stop, limit, found, read);
    });
  }

  /**
   * Rows per read: a whole batch from a lone partition; from each shard, no more than a page can
   * take (a merged page of {@code limit} + 1 rows holds at most that many of any one shard).
   */
  private static int batch(Segment seg, int limit) {
    return seg.shards() == 1 ? BATCH : Math.min(BATCH, limit + 1);
  }

  /** The order a segment's rows are read in: its clustering order. */
  private Comparator<T> order(Segment seg) {
    Comparator<T> byId = Comparator.comparing(id);
    Comparator<T> order = seg.timeColumn() == null ? byId : Comparator.comparing(time).thenComparing(byId);
    return seg.descending() ? order.reversed() : order;
  }

  /**
   * Up to {@code limit} items; a token after the last of them when one more was found, else
   * {@code scanLimit} (the last row read when the scan cap was hit), else none: the listing is over.
   */
  private Page<T> page(List<Hit<T>> found, int limit, PageToken scanLimit) {
    if (found.size() > limit) {
      Hit<T> last = found.get(limit - 1);
      return new Page<>(found.subList(0, limit).stream().map(Hit::item).toList(),
          tokenOf(last.segment(), last.item()).encode());
    }
    return new Page<>(found.stream().map(Hit::item).toList(),
        scanLimit == null ? null : scanLimit.encode());
  }

  private PageToken tokenOf(Segment seg, T item) {
    return new PageToken(seg.name(), seg.timeColumn() == null ? null : time.apply(item), id.apply(item));
  }

  private SimpleStatement statement(Segment seg, int shard, PageToken after, int batch) {
    StringBuilder cql = new StringBuilder("SELECT * FROM ").append(keyspace).append('.')
        .append(seg.table()).append(" WHERE ").append(seg.where());
    List<Object> values = new ArrayList<>(seg.values());
    if (seg.shards() > 1) {
      cql.append(" AND shard = ?");
      values.add(shard);
    }
    if (after != null) {
      String op = seg.descending() ? " < " : " > ";
      if (seg.timeColumn() == null) {
        cql.append(" AND ").append(seg.idColumn()).append(op).append('?');
        values.add(after.id());
      } else {
        cql.append(" AND (").append(seg.timeColumn()).append(", ").append(seg.idColumn()).append(')')
            .append(op).append("(?, ?)");
        values.add(after.at());
        values.add(after.id());
      }
    }
    cql.append(" LIMIT ").append(batch);
    return SimpleStatement.newInstance(cql.toString(), values.toArray());
  }

  private static int indexOf(List<Segment> segments, String name) {
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
