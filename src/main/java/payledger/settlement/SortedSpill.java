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
import java.util.PriorityQueue;

/**
 * An external sort of settlement lines by (gateway, first reference, line), in bounded memory:
 * lines are buffered, each full buffer sorted and written to a local run file, and the runs merged
 * as they are read back. The order of references is Cassandra's order of text (code points), the
 * order in which a day's payments come out of {@code stl_payments_by_day}. The files are deleted on
 * {@link #close()}.
 */
final class SortedSpill implements AutoCloseable {

  /** Gateway, then the line's first reference, as Cassandra orders text; then the file's order. */
  static final Comparator<SettlementLine> ORDER = Comparator
      .comparing(SettlementLine::gateway, SettledJoin::byCodePoint)
      .thenComparing((SettlementLine l) -> l.references().get(0), SettledJoin::byCodePoint)
      .thenComparingLong(SettlementLine::line);

  private final Path dir;
  private final int runLines;
  private final List<SettlementLine> buffer = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private final List<DataInputStream> open = new ArrayList<>();
  private final java.util.SortedSet<String> gateways = new java.util.TreeSet<>(SettledJoin::byCodePoint);
  private long count;

  /** Runs of at most {@code runLines} lines, written under {@code dir}. */
  SortedSpill(Path dir, int runLines) {
    this.dir = dir;
    this.runLines = runLines;
  }

  /** A line with at least one reference. */
  void add(SettlementLine line) {
    buffer.add(line);
    gateways.add(line.gateway());
    count++;
    if (buffer.size() >= runLines) {
      flush();
    }
  }

  long count() {
    return count;
  }

  /** The gateways of the lines added, in {@link #ORDER}. */
  java.util.SortedSet<String> gateways() {
    return java.util.Collections.unmodifiableSortedSet(gateways);
  }

  /** Every line added, in {@link #ORDER}; adding ends here. */
  Iterator<SettlementLine> sorted() {
    if (runs.isEmpty()) {
      buffer.sort(ORDER);
      List<SettlementLine> all = List.copyOf(buffer);
      buffer.clear();
      return all.iterator();
    }
    flush();
    PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::line, ORDER));
    for (Path run : runs) {
      try {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
        open.add(in);
        Head.next(in).ifPresent(heads::add);
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
      public SettlementLine next() {
        Head head = heads.poll();
        if (head == null) {
          throw new NoSuchElementException();
        }
        Head.next(head.in()).ifPresent(heads::add);
        return head.line();
      }
    };
  }

  private record Head(SettlementLine line, DataInputStream in) {
    static java.util.Optional<Head> next(DataInputStream in) {
      try {
        return java.util.Optional.of(new Head(LineCodec.read(in), in));
      } catch (EOFException end) {
        return java.util.Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    buffer.sort(ORDER);
    try {
      Files.createDirectories(dir);
      Path run = Files.createTempFile(dir, "settlement-run-", ".spill");
      runs.add(run);
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
        for (SettlementLine line : buffer) {
          LineCodec.write(out, line);
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
