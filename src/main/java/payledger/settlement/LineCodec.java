package payledger.settlement;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import payledger.money.Money;

/**
 * A {@link SettlementLine} as compact bytes: every field, nulls flagged, the rate as its exact
 * decimal text. The run's local spill files use it, and so do the staged chunks in Cassandra
 * ({@link LineChunks}, version 1): this form never changes; another is a new chunk version.
 */
final class LineCodec {

  private static final SettlementKind[] KINDS = SettlementKind.values();

  private LineCodec() {}

  static void write(DataOutput out, SettlementLine l) throws IOException {
    out.writeLong(l.line());
    out.writeUTF(l.gateway());
    out.writeUTF(l.batch());
    text(out, l.lineId());
    out.writeByte(l.kind().ordinal());
    out.writeByte(l.references().size());
    for (String ref : l.references()) {
      out.writeUTF(ref);
    }
    text(out, l.merchantReference());
    text(out, l.method());
    if (l.occurredAt() == null) {
      out.writeBoolean(false);
    } else {
      out.writeBoolean(true);
      out.writeLong(l.occurredAt().getEpochSecond());
      out.writeInt(l.occurredAt().getNano());
    }
    out.writeLong(l.gross().value());
    out.writeUTF(l.gross().currency());
    out.writeLong(l.fee().value());
    out.writeLong(l.net().value());
    out.writeUTF(l.net().currency());
    text(out, l.exchangeRate() == null ? null : l.exchangeRate().toString());
  }

  static SettlementLine read(DataInput in) throws IOException {
    long line = in.readLong();
    String gateway = in.readUTF();
    String batch = in.readUTF();
    String lineId = text(in);
    SettlementKind kind = KINDS[in.readByte()];
    int refs = in.readByte();
    List<String> references = new ArrayList<>(refs);
    for (int i = 0; i < refs; i++) {
      references.add(in.readUTF());
    }
    String merchantReference = text(in);
    String method = text(in);
    Instant occurredAt = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    Money gross = new Money(in.readLong(), in.readUTF());
    long fee = in.readLong();
    long net = in.readLong();
    String netCurrency = in.readUTF();
    String rate = text(in);
    return new SettlementLine(line, gateway, batch, lineId, kind, references, merchantReference, method,
        occurredAt, gross, new Money(fee, netCurrency), new Money(net, netCurrency),
        rate == null ? null : new BigDecimal(rate));
  }

  private static void text(DataOutput out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String text(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
