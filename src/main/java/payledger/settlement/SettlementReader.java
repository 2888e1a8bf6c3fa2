package payledger.settlement;

import java.io.Reader;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams a settlement file's lines, one record in memory at a time: the header decides the layout
 * (Stripe, Adyen or the generic CSV), each following record becomes a {@link SettlementLine}, and
 * the first record that breaks the layout throws {@link MalformedSettlement} with its line number.
 */
public final class SettlementReader implements Iterator<SettlementLine>, AutoCloseable {

  private final CsvRecords records;
  private final Columns columns;
  private final Layout layout;
  private SettlementLine next;

  private SettlementReader(CsvRecords records, Columns columns, Layout layout) {
    this.records = records;
    this.columns = columns;
    this.layout = layout;
  }

  /** Reads the header; an empty file or an unknown header throws {@link MalformedSettlement}. */
  public static SettlementReader open(Reader reader) {
    CsvRecords records = new CsvRecords(reader);
    List<String> header = records.next();
    if (header == null) {
      throw new MalformedSettlement(1, "the file is empty");
    }
    Columns columns = new Columns(header);
    return new SettlementReader(records, columns, Layout.of(columns));
  }

  /** {@code stripe}, {@code adyen} or {@code generic}. */
  public String layout() {
    return layout.name();
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      List<String> fields = records.next();
      if (fields != null) {
        next = layout.read(columns.row(fields, records.line()));
      }
    }
    return next != null;
  }

  @Override
  public SettlementLine next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SettlementLine line = next;
    next = null;
    return line;
  }

  @Override
  public void close() {
    records.close();
  }
}
