package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import payledger.money.Money;

class LineChunksTest {

  @Test
  void aChunkOfLinesReadsBackWholeAndInOrder() {
    List<SettlementLine> lines = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      lines.add(new SettlementLine(i + 2, "adyen", "PayledgerShop:" + (i / 1_000), i % 7 == 0 ? null : "m" + i,
          i % 5 == 0 ? SettlementKind.REFUND : SettlementKind.PAYMENT, List.of("88160000" + i), "order-" + i,
          i % 3 == 0 ? null : "card", Instant.parse("2026-11-02T08:00:00Z").plusSeconds(i),
          new Money(1_000 + i, i % 10 == 3 ? "USD" : "EUR"), new Money(20, "EUR"), new Money(980 + i, "EUR"),
          i % 10 == 3 ? new BigDecimal("0.9137") : null));
    }
    byte[] body = LineChunks.encode(lines);
    assertEquals(lines, LineChunks.decode(body));
    assertTrue(body.length < 10_000 * 40, "deflated: " + body.length + " bytes");
  }

  @Test
  void anUnknownFormatIsRefusedNotMisread() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(1))) {
      out.write(new byte[] {9, 0, 0, 0, 0});
    }
    assertThrows(IllegalStateException.class, () -> LineChunks.decode(bytes.toByteArray()));
  }
}
