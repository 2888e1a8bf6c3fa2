package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import payledger.money.Money;

class SortedSpillTest {

  @TempDir
  Path dir;

  private static SettlementLine line(long n, String gateway, String ref) {
    return new SettlementLine(n, gateway, "b1", "l" + n, SettlementKind.PAYMENT, List.of(ref), "order-" + n,
        "card", Instant.parse("2026-11-02T08:00:00.123456789Z"), new Money(1_000 + n, "USD"),
        new Money(20, "EUR"), new Money(900 + n, "EUR"), new BigDecimal("0.9137"));
  }

  @Test
  void aLineSurvivesItsBytesWithEveryFieldAndNull() throws IOException {
    SettlementLine full = line(7, "adyen", "psp-1");
    SettlementLine sparse = new SettlementLine(8, "stripe", "po_1", null, SettlementKind.REFUND,
        List.of("pi_1", "ch_1", "re_1"), null, null, null, new Money(-500, "EUR"), Money.zero("EUR"),
        new Money(-500, "EUR"), null);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      LineCodec.write(out, full);
      LineCodec.write(out, sparse);
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals(full, LineCodec.read(in));
    assertEquals(sparse, LineCodec.read(in));
  }

  @Test
  void linesComeBackInCassandrasTextOrderAcrossRunsAndTheRunsAreDeleted() throws IOException {
    List<String> refs = List.of("pay-a", "pay-Z", "pay-\u00fc", "pay-\uD83D\uDE00", "pay-\uFFFD", "pay-10", "pay-9");
    Random random = new Random(23);
    List<SettlementLine> lines = new ArrayList<>();
    for (int n = 0; n < 200; n++) {
      lines.add(line(n, random.nextBoolean() ? "adyen" : "acmepay", refs.get(random.nextInt(refs.size()))));
    }
    List<SettlementLine> expected = new ArrayList<>(lines);
    expected.sort(SortedSpill.ORDER);
    List<SettlementLine> sorted = new ArrayList<>();
    try (SortedSpill spill = new SortedSpill(dir, 30)) {
      lines.forEach(spill::add);
      assertEquals(200, spill.count());
      assertEquals(List.of("acmepay", "adyen"), List.copyOf(spill.gateways()));
      spill.sorted().forEachRemaining(sorted::add);
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(7, files.count(), "200 lines in runs of 30");
      }
    }
    assertEquals(expected, sorted);
    // U+1F600 (a surrogate pair in Java) sorts after U+FFFD as its UTF-8 bytes do in Cassandra
    List<String> adyenRefs = sorted.stream().filter(l -> l.gateway().equals("adyen"))
        .map(l -> l.references().get(0)).distinct().toList();
    assertEquals(List.of("pay-10", "pay-9", "pay-Z", "pay-a", "pay-\u00fc", "pay-\uFFFD", "pay-\uD83D\uDE00"),
        adyenRefs);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "closing deletes the runs");
    }
  }

  @Test
  void aSmallSpillIsSortedInMemory() throws IOException {
    try (SortedSpill spill = new SortedSpill(dir, 1_000)) {
      spill.add(line(2, "adyen", "b"));
      spill.add(line(1, "adyen", "b"));
      spill.add(line(3, "adyen", "a"));
      Iterator<SettlementLine> it = spill.sorted();
      assertEquals(3, it.next().line());
      assertEquals(1, it.next().line());
      assertEquals(2, it.next().line());
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(0, files.count());
      }
    }
  }
}
