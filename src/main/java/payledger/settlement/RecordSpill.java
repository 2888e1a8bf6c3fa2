package payledger.settlement;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * An external sort of records in bounded memory: records are buffered, each full buffer sorted and
 * written to a local run file in the records' binary form, and the runs merged as they are read
 * back. The files are deleted on {@link #close()}.
 */
final class RecordSpill<T> implements AutoCloseable {

  /** A record's binary form in a run file. */
  interface Codec<T> {
    void write(DataOutputStream out, T record) throws IOException;

    T read(DataInputStream in) throws IOException;
  }

  private final Path dir;
  private final int runRecords;
  private final Comparator<T> order;
  private final Codec<T> codec;
  private final List<T> buffer = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private final List<DataInputStream> open = new ArrayList<>();
  private long count;

  /** Runs of at most {@code runRecords} records, written under {@code dir}. */
  RecordSpill(Path dir, int runRecords, Comparator<T> order, Codec<T> codec) {
    this.dir = dir;
    this.runRecords = runRecords;
    this.order = order;
    this.codec = codec;
  }

  void add(T record) {
    buffer.add(record);
    count++;
    if (buffer.size() >= runRecords) {
      flush();
    }
  }

  long count() {
    return count;
  }

  /** Every record added, in order; adding ends here. */
  Iterator<T> sorted() {
    if (runs.isEmpty()) {
      buffer.sort(order);
      List<T> all = List.copyOf(buffer);
      buffer.clear();
      return all.iterator();
    }
    flush();
    PriorityQueue<Head<T>> heads = new PriorityQueue<>(Comparator.comparing(Head::record, order));
    for (Path run : runs) {
      try {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
        open.add(in);
        next(in).ifPresent(heads::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !heads.isEmpty();
      }

      @Override
      public T next() {
        Head<T> head = heads.poll();
        if (head == null) {
          throw new NoSuchElementException();
        }
        RecordSpill.this.next(head.in()).ifPresent(heads::add);
        return head.record();
      }
    };
  }

  private record Head<T>(T record, DataInputStream in) {}

  private Optional<Head<T>> next(DataInputStream in) {
    try {
      return Optional.of(new Head<>(codec.read(in), in));
    } catch (EOFException end) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    buffer.sort(order);
    try {
      Files.createDirectories(dir);
      Path run = Files.createTempFile(dir, "settlement-run-", ".spill");
      runs.add(run);
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
        for (T record : buffer) {
          codec.write(out, record);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    buffer.clear();
  }

  @Override
  public void close() {
    for (DataInputStream in : open) {
      try {
        in.close();
      } catch (IOException ignored) {
        // deleted below either way
      }
    }
    for (Path run : runs) {
      try {
        Files.deleteIfExists(run);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
    buffer.clear();
  }
}
