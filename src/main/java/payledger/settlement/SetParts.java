package payledger.settlement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Records in their sorted order cut into blobs: one group per key (an order bucket and month, a
 * journal day and gateway), each group's records in parts of at most {@code perPart}, each part
 * encoded as it fills. A group's parts are held until the group ends (deflated, so a few bytes per
 * record) so that every part is written knowing how many the group has: a re-run that writes fewer
 * parts leaves rows that readers then ignore.
 */
final class SetParts {

  private SetParts() {}

  /** One blob: its records' first and last sort keys, how many, and the encoded body. */
  record Part(String first, String last, int records, byte[] body) {}

  /** A group's parts in order, under its key. */
  record Group<K>(K key, List<Part> parts) {}

  /**
   * The groups of records sorted by group key first.
   *
   * @param groupOf a record's group key (equal keys are consecutive in the input)
   * @param sortKey a record's key within its group, kept as the part's first / last
   * @param encode a part's records as its blob
   */
  static <T, K> Iterator<Group<K>> cut(Iterator<T> sorted, int perPart, Function<T, K> groupOf,
      Function<T, String> sortKey, Function<List<T>, byte[]> encode) {
    return new Iterator<>() {
      private T pending = sorted.hasNext() ? sorted.next() : null;

      @Override
      public boolean hasNext() {
        return pending != null;
      }

      @Override
      public Group<K> next() {
        if (pending == null) {
          throw new NoSuchElementException();
        }
        K key = groupOf.apply(pending);
        List<Part> parts = new ArrayList<>();
        List<T> records = new ArrayList<>();
        while (pending != null && groupOf.apply(pending).equals(key)) {
          records.add(pending);
          if (records.size() == perPart) {
            parts.add(part(records));
            records = new ArrayList<>();
          }
          pending = sorted.hasNext() ? sorted.next() : null;
        }
        if (!records.isEmpty()) {
          parts.add(part(records));
        }
        return new Group<>(key, List.copyOf(parts));
      }

      private Part part(List<T> records) {
        return new Part(sortKey.apply(records.get(0)), sortKey.apply(records.get(records.size() - 1)),
            records.size(), encode.apply(records));
      }
    };
  }

  /**
   * A part as a group's partition keeps it (without its body): the import, the part's number, the
   * group's part count and the instant of the run that wrote it, its first and last sort keys.
   */
  record Stored(String importId, int part, int parts, Instant runAt, String first, String last) {
    /** Whether the part may hold records of this sort key. */
    boolean covers(String key) {
      return first.compareTo(key) <= 0 && key.compareTo(last) <= 0;
    }
  }

  /**
   * The parts readers take: per import those of its newest run, below that run's part count (a
   * longer earlier run's higher parts are leftovers), in order of import and part.
   */
  static List<Stored> current(List<Stored> stored) {
    Map<String, Instant> newest = new HashMap<>();
    for (Stored s : stored) {
      newest.merge(s.importId(), s.runAt(), (a, b) -> a.isAfter(b) ? a : b);
    }
    return stored.stream()
        .filter(s -> s.runAt().equals(newest.get(s.importId())) && s.part() < s.parts())
        .sorted(Comparator.comparing(Stored::importId).thenComparingInt(Stored::part))
        .toList();
  }
}
