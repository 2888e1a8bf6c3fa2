package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import payledger.money.Money;
import payledger.order.PaymentEventType;

class OrderLineSetsTest {

  private static final Instant NOV = Instant.parse("2026-11-02T08:00:00Z");

  private static LineMatch match(long line, String orderId, Instant journaled, boolean matched) {
    SettlementLine l = new SettlementLine(line, "adyen", "Shop:" + (line % 3), "m" + line, SettlementKind.PAYMENT,
        List.of("psp" + line), orderId, line % 4 == 0 ? null : "card", line % 5 == 0 ? null : NOV.plusSeconds(line),
        new Money(1_000 + line, "EUR"), new Money(25, "EUR"), new Money(975 + line, "EUR"), null);
    LedgerPayment p = new LedgerPayment("adyen", "psp" + line, "adyen:" + line, orderId, PaymentEventType.SUCCEEDED,
        new Money(1_000 + line, "EUR"), "visa", journaled);
    return new LineMatch(l, p, matched, null);
  }

  @Test
  void aPartReadsBackEveryLineWithItsImportAndFields() {
    List<OrderLineSets.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      entries.add(OrderLineSets.Entry.of("stl-a", match(i + 2, "order-" + (i / 3), NOV, i % 7 != 0)));
    }
    entries.sort(OrderLineSets.ORDER);
    byte[] body = OrderLineSets.encode(entries);
    List<OrderLineSets.Entry> all = new ArrayList<>();
    for (OrderLineSets.Entry e : OrderLineSets.decode(body, 7, "2026-11", "stl-a", null)) {
      all.add(e);
    }
    assertEquals(entries.stream().map(OrderLineSets.Entry::line).toList(),
        all.stream().map(OrderLineSets.Entry::line).toList());
    assertEquals(entries.stream().map(OrderLineSets.Entry::orderId).toList(),
        all.stream().map(OrderLineSets.Entry::orderId).toList());
    assertTrue(body.length < 2_000 * 40, "deflated: " + body.length + " bytes");
    assertEquals(List.of(entries.get(3).line(), entries.get(4).line(), entries.get(5).line()),
        OrderLineSets.decode(body, 7, "2026-11", "stl-a", entries.get(3).orderId()).stream()
            .map(OrderLineSets.Entry::line).toList());
  }

  @Test
  void linesSortByBucketMonthOrderAndLineWhateverTheOrderTheyCameIn(@TempDir Path dir) {
    List<OrderLineSets.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      Instant journaled = i % 2 == 0 ? NOV : Instant.parse("2026-12-01T00:00:00Z");
      entries.add(OrderLineSets.Entry.of("stl-a", match(i + 2, "o" + (i % 500), journaled, true)));
    }
    List<OrderLineSets.Entry> shuffled = new ArrayList<>(entries);
    Collections.shuffle(shuffled, new Random(7));
    List<OrderLineSets.Entry> sorted = new ArrayList<>();
    try (RecordSpill<OrderLineSets.Entry> spill = new RecordSpill<>(dir, 700, OrderLineSets.ORDER,
        OrderLineSets.SPILL)) {
      shuffled.forEach(spill::add);
      spill.sorted().forEachRemaining(sorted::add);
    }
    entries.sort(OrderLineSets.ORDER);
    assertEquals(entries, sorted);
    for (int i = 1; i < sorted.size(); i++) {
      OrderLineSets.Entry a = sorted.get(i - 1);
      OrderLineSets.Entry b = sorted.get(i);
      assertTrue(a.bucket() < b.bucket() || a.bucket() == b.bucket() && (a.month().compareTo(b.month()) < 0
          || a.month().equals(b.month()) && (a.orderId().compareTo(b.orderId()) < 0
          || a.orderId().equals(b.orderId()) && a.line().line() < b.line().line())));
    }
  }

  @Test
  void anOrderAcrossAPartBoundaryIsFoundInBothParts() {
    List<OrderLineSets.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      entries.add(OrderLineSets.Entry.of("stl-a", match(i + 2, i < 3 ? "a" : i < 7 ? "b" : "c", NOV, true)));
    }
    entries = entries.stream().map(e -> new OrderLineSets.Entry(5, e.month(), e.orderId(), e.line())).toList();
    Iterator<SetParts.Group<OrderLineSets.Key>> groups = SetParts.cut(entries.iterator(), 5,
        OrderLineSets.Entry::key, OrderLineSets.Entry::orderId, OrderLineSets::encode);
    SetParts.Group<OrderLineSets.Key> group = groups.next();
    assertTrue(!groups.hasNext());
    assertEquals(new OrderLineSets.Key(5, "2026-11"), group.key());
    assertEquals(2, group.parts().size());
    SetParts.Part first = group.parts().get(0);
    SetParts.Part second = group.parts().get(1);
    assertEquals(List.of("a", "b", 5), List.of(first.first(), first.last(), first.records()));
    assertEquals(List.of("b", "c", 5), List.of(second.first(), second.last(), second.records()));
    List<Long> linesOfB = new ArrayList<>();
    for (SetParts.Part p : group.parts()) {
      OrderLineSets.decode(p.body(), 5, "2026-11", "stl-a", "b").forEach(e -> linesOfB.add(e.line().line()));
    }
    assertEquals(List.of(5L, 6L, 7L, 8L), linesOfB);
  }

  @Test
  void aShorterRerunsLeftoverPartsAndOlderRunsAreNotRead() {
    Instant first = Instant.parse("2026-12-07T10:00:00Z");
    Instant rerun = first.plusSeconds(60);
    List<SetParts.Stored> stored = List.of(
        new SetParts.Stored("stl-a", 0, 2, rerun, "a", "m"), new SetParts.Stored("stl-a", 1, 2, rerun, "m", "z"),
        new SetParts.Stored("stl-a", 2, 3, first, "t", "z"),
        new SetParts.Stored("stl-b", 1, 2, first, "k", "z"), new SetParts.Stored("stl-b", 0, 2, first, "a", "k"));
    assertEquals(List.of("stl-a/0", "stl-a/1", "stl-b/0", "stl-b/1"), SetParts.current(stored).stream()
        .map(s -> s.importId() + "/" + s.part()).toList());
  }

  @Test
  void anUnknownFormatIsRefusedNotMisread() {
    byte[] other = Deflated.write(9, 16, out -> out.writeInt(0));
    assertThrows(IllegalStateException.class, () -> OrderLineSets.decode(other, 1, "2026-11", "stl-a", null));
    assertThrows(IllegalStateException.class, () -> SettledSets.decode(other, "2026-11-02", "adyen"));
  }
}
