package payledger.settlement;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The run's payment lines sorted by (gateway, first reference, line) in bounded memory
 * ({@link RecordSpill}, lines in {@link LineCodec}'s form). The order of references is Cassandra's
 * order of text (code points), the order in which a day's payments come out of
 * {@code stl_payments_by_day}. The files are deleted on {@link #close()}.
 */
final class SortedSpill implements AutoCloseable {

  /** Gateway, then the line's first reference, as Cassandra orders text; then the file's order. */
  static final Comparator<SettlementLine> ORDER = Comparator
      .comparing(SettlementLine::gateway, SettledJoin::byCodePoint)
      .thenComparing((SettlementLine l) -> l.references().get(0), SettledJoin::byCodePoint)
      .thenComparingLong(SettlementLine::line);

  private static final RecordSpill.Codec<SettlementLine> CODEC = new RecordSpill.Codec<>() {
    @Override
    public void write(DataOutputStream out, SettlementLine line) throws IOException {
      LineCodec.write(out, line);
    }

    @Override
    public SettlementLine read(DataInputStream in) throws IOException {
      return LineCodec.read(in);
    }
  };

  private final RecordSpill<SettlementLine> spill;
  private final SortedSet<String> gateways = new TreeSet<>(SettledJoin::byCodePoint);

  /** Runs of at most {@code runLines} lines, written under {@code dir}. */
  SortedSpill(Path dir, int runLines) {
    this.spill = new RecordSpill<>(dir, runLines, ORDER, CODEC);
  }

  /** A line with at least one reference. */
  void add(SettlementLine line) {
    spill.add(line);
    gateways.add(line.gateway());
  }

  long count() {
    return spill.count();
  }

  /** The gateways of the lines added, in {@link #ORDER}. */
  SortedSet<String> gateways() {
    return Collections.unmodifiableSortedSet(gateways);
  }

  /** Every line added, in {@link #ORDER}; adding ends here. */
  Iterator<SettlementLine> sorted() {
    return spill.sorted();
  }

  @Override
  public void close() {
    spill.close();
  }
}
