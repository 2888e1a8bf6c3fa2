package payledger.settlement;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ledger events a run settled, as blobs ({@code stl_settled_sets}): per UTC journal day and
 * gateway (the partition of {@code stl_payments_by_day} the event sits in), the keys sorted as that
 * table clusters them — payment id, then event key, as Cassandra orders text — with the file's line
 * that settled each, at most {@link #PER_PART} per blob. The SETTLEMENT_MISSING check merges a
 * day's sets with the day's payments ({@link SettledJoin}). Stored data: the form of version 1
 * (after {@link Deflated}'s format byte: the count, then payment id, event key, line) never changes.
 */
final class SettledSets {

  static final int VERSION = 1;
  /** Keys per blob: ≈ 10-20 bytes each deflated. */
  static final int PER_PART = 50_000;

  private SettledSets() {}

  /** A settled ledger event and the line that settled it. */
  record Key(String day, String gateway, String paymentId, String eventKey, long line) {
    static Key of(LineMatch match) {
      LedgerPayment p = match.ledger();
      return new Key(CassandraSettlementStore.day(p.journaledAt()), p.gateway(), p.paymentId(), p.eventKey(),
          match.line().line());
    }

    /** The blob group: day and gateway. */
    Day group() {
      return new Day(day, gateway);
    }
  }

  /** A partition of {@code stl_settled_sets}. */
  record Day(String day, String gateway) {}

  /** Day, gateway, then payment id and event key in code point order (Cassandra's), then line. */
  static final Comparator<Key> ORDER = Comparator.comparing(Key::day)
      .thenComparing(Key::gateway)
      .thenComparing(Key::paymentId, SettledJoin::byCodePoint)
      .thenComparing(Key::eventKey, SettledJoin::byCodePoint)
      .thenComparingLong(Key::line);

  static byte[] encode(List<Key> keys) {
    return Deflated.write(VERSION, keys.size() * 40, out -> {
      out.writeInt(keys.size());
      for (Key k : keys) {
        out.writeUTF(k.paymentId());
        out.writeUTF(k.eventKey());
        out.writeLong(k.line());
      }
    });
  }

  static List<Key> decode(byte[] body, String day, String gateway) {
    return Deflated.read(body, VERSION, "settled set", in -> {
      int count = in.readInt();
      List<Key> keys = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        keys.add(new Key(day, gateway, in.readUTF(), in.readUTF(), in.readLong()));
      }
      return keys;
    });
  }

  /** The run's binary form of a key in its local spill. */
  static final RecordSpill.Codec<Key> SPILL = new RecordSpill.Codec<>() {
    @Override
    public void write(DataOutputStream out, Key k) throws IOException {
      out.writeUTF(k.day());
      out.writeUTF(k.gateway());
      out.writeUTF(k.paymentId());
      out.writeUTF(k.eventKey());
      out.writeLong(k.line());
    }

    @Override
    public Key read(DataInputStream in) throws IOException {
      return new Key(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
    }
  };
}
