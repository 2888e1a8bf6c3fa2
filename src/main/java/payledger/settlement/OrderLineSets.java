package payledger.settlement;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import payledger.money.Money;

/**
 * A run's order lines as blobs ({@code stl_order_line_sets}): the matched lines of one bucket of
 * orders whose ledger event was journaled in one UTC month, sorted by order id then line, at most
 * {@link #PER_PART} per blob. Stored data: the form of version 1 (after {@link Deflated}'s format
 * byte: the count, then per line the order id and the line's fields but its import, which is the
 * row's) never changes; a new form gets a new version byte and this class keeps reading the old one.
 */
final class OrderLineSets {

  static final int VERSION = 1;
  /** Lines per blob: ≈ 40 bytes each deflated, so a part stays far below a megabyte. */
  static final int PER_PART = 5_000;
  /** Buckets of orders (as {@code stl_order_lines_by_bucket}). */
  static final int BUCKETS = 1024;

  private OrderLineSets() {}

  /** One line of an order, where it is kept. */
  record Entry(int bucket, String month, String orderId, OrderSettlement.Line line) {
    static Entry of(String importId, LineMatch match) {
      String orderId = match.ledger().orderId();
      return new Entry(OrderLineSets.bucket(orderId), OrderLineSets.month(match.ledger().journaledAt()), orderId,
          OrderSettlement.line(importId, match));
    }

    /** The blob group: bucket and month. */
    Key key() {
      return new Key(bucket, month);
    }
  }

  /** A partition of {@code stl_order_line_sets}. */
  record Key(int bucket, String month) {}

  /** Bucket, month, then order id and line: the order of a group's blobs and of the lines in them. */
  static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::bucket)
      .thenComparing(Entry::month)
      .thenComparing(Entry::orderId)
      .thenComparingLong(e -> e.line().line());

  static int bucket(String orderId) {
    return Math.floorMod(orderId.hashCode(), BUCKETS);
  }

  static String month(Instant at) {
    return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
  }

  static byte[] encode(List<Entry> entries) {
    return Deflated.write(VERSION, entries.size() * 48, out -> {
      out.writeInt(entries.size());
      for (Entry e : entries) {
        out.writeUTF(e.orderId());
        writeLine(out, e.line());
      }
    });
  }

  /** A blob's lines of one order (all orders when {@code orderId} is null), under its import. */
  static List<Entry> decode(byte[] body, int bucket, String month, String importId, String orderId) {
    return Deflated.read(body, VERSION, "order line set", in -> {
      int count = in.readInt();
      List<Entry> entries = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String order = in.readUTF();
        OrderSettlement.Line line = readLine(in, importId);
        if (orderId == null || orderId.equals(order)) {
          entries.add(new Entry(bucket, month, order, line));
        }
      }
      return entries;
    });
  }

  /** The run's binary form of an entry in its local spill (with its import, unlike the blob). */
  static final RecordSpill.Codec<Entry> SPILL = new RecordSpill.Codec<>() {
    @Override
    public void write(DataOutputStream out, Entry e) throws IOException {
      out.writeInt(e.bucket());
      out.writeUTF(e.month());
      out.writeUTF(e.orderId());
      out.writeUTF(e.line().importId());
      writeLine(out, e.line());
    }

    @Override
    public Entry read(DataInputStream in) throws IOException {
      int bucket = in.readInt();
      String month = in.readUTF();
      String orderId = in.readUTF();
      String importId = in.readUTF();
      return new Entry(bucket, month, orderId, readLine(in, importId));
    }
  };

  private static void writeLine(DataOutputStream out, OrderSettlement.Line l) throws IOException {
    out.writeLong(l.line());
    out.writeUTF(l.gateway());
    out.writeUTF(l.batch());
    out.writeUTF(l.kind());
    out.writeUTF(l.paymentId());
    out.writeUTF(l.method());
    out.writeLong(l.gross().value());
    out.writeUTF(l.gross().currency());
    out.writeLong(l.fee().value());
    out.writeLong(l.net().value());
    out.writeUTF(l.net().currency());
    out.writeBoolean(l.matched());
    out.writeBoolean(l.occurredAt() != null);
    if (l.occurredAt() != null) {
      out.writeLong(l.occurredAt().getEpochSecond());
      out.writeInt(l.occurredAt().getNano());
    }
  }

  private static OrderSettlement.Line readLine(DataInputStream in, String importId) throws IOException {
    long line = in.readLong();
    String gateway = in.readUTF();
    String batch = in.readUTF();
    String kind = in.readUTF();
    String paymentId = in.readUTF();
    String method = in.readUTF();
    Money gross = new Money(in.readLong(), in.readUTF());
    long fee = in.readLong();
    long net = in.readLong();
    String netCurrency = in.readUTF();
    boolean matched = in.readBoolean();
    Instant occurredAt = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    return new OrderSettlement.Line(importId, line, gateway, batch, kind, paymentId, method, gross,
        new Money(fee, netCurrency), new Money(net, netCurrency), matched, occurredAt);
  }
}
