package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import payledger.money.Money;
import payledger.settlement.SettlementFiles.Faults;
import payledger.settlement.SettlementFiles.Settled;

class SettlementImportTest {

  private static final Instant AT = Instant.parse("2026-11-03T10:15:30Z");

  @TempDir
  Path dir;

  private final InMemorySettlementStore store = new InMemorySettlementStore();
  private final SettlementImport importer =
      new SettlementImport(store, Clock.fixed(AT, ZoneOffset.UTC), 4);
  private final List<Long> progress = new ArrayList<>();

  static List<Settled> lines(String batch, int n, long amountBase) {
    return lines(batch, n, amountBase, SettlementKind.PAYMENT);
  }

  /** {@code n} lines of one kind (OTHER: lines the ledger has nothing to match, so no findings). */
  static List<Settled> lines(String batch, int n, long amountBase, SettlementKind kind) {
    List<Settled> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long gross = amountBase + i;
      lines.add(new Settled(batch, kind, "pay-" + batch + "-" + i, "order-" + i, "card",
          AT.plusSeconds(i), new Money(gross, "EUR"), new Money(30, "EUR"), new Money(gross - 30, "EUR"),
          (BigDecimal) null, batch + "-" + i));
    }
    return lines;
  }

  private Spool spool(String text) {
    return Spool.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), dir);
  }

  private SettlementImport.Outcome run(String text) {
    return importer.importFile(spool(text), "file.csv", (staged, total) -> progress.add(staged));
  }

  @Test
  void aFileIsStagedThenCompletedWithProgress() {
    SettlementImport.Outcome outcome = run(SettlementFiles.text("generic", lines("b1", 120, 1_000), Faults.NONE));
    assertFalse(outcome.replayed());
    ImportRecord r = outcome.record();
    assertTrue(r.complete());
    assertEquals(121, r.lines(), "120 payments and the payout");
    assertEquals(121, r.staged());
    assertEquals("generic", r.layout());
    assertEquals(List.of("acmepay/b1"), r.batches());
    assertEquals(List.of(121L), progress);
    assertEquals(121, store.visibleLines());
    assertEquals(121, store.lines.get(r.importId()).lastKey() + 1);
  }

  @Test
  void theSameFileAgainAnswersTheOriginalImport() {
    String text = SettlementFiles.text("stripe", lines("po_1", 10, 1_000), Faults.NONE);
    ImportRecord first = run(text).record();
    int writes = store.stageWrites.get();
    SettlementImport.Outcome again = run(text);
    assertTrue(again.replayed());
    assertEquals(first, again.record());
    assertEquals(writes, store.stageWrites.get(), "nothing written again");
  }

  @Test
  void aMalformedLineImportsNothing() {
    String text = SettlementFiles.text("adyen", lines("Acc:1", 50, 1_000), new Faults(Set.of(40L), Map.of()));
    MalformedSettlement e = assertThrows(MalformedSettlement.class, () -> run(text));
    assertEquals(40, e.line());
    assertTrue(store.imports.isEmpty());
    assertEquals(0, store.stageWrites.get());
  }

  /** Bytes that are not UTF-8 are a malformed file naming their line, never a server error. */
  @Test
  void bytesThatAreNotUtf8AreAMalformedLine() {
    String text = SettlementFiles.text("generic", lines("b1", 5, 1_000), Faults.NONE);
    byte[] good = text.getBytes(StandardCharsets.UTF_8);
    int third = text.indexOf('\n', text.indexOf('\n') + 1) + 1; // the start of line 3
    byte[] bad = new byte[good.length + 2];
    System.arraycopy(good, 0, bad, 0, third);
    bad[third] = (byte) 0xC3; // a lead byte without its continuation
    bad[third + 1] = (byte) 0x28;
    System.arraycopy(good, third, bad, third + 2, good.length - third);
    MalformedSettlement e = assertThrows(MalformedSettlement.class,
        () -> SettlementImport.receive(new ByteArrayInputStream(bad), dir));
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    assertEquals(3, e.line(), "the line the bytes are on");
    assertTrue(store.imports.isEmpty());
  }

  @Test
  void aBatchReExportedInAnotherFileAnswersItsImport() {
    ImportRecord first = run(SettlementFiles.text("generic", lines("b1", 5, 1_000), Faults.NONE)).record();
    // The same batch with its lines in another order: other bytes, the same batch.
    List<Settled> reordered = new ArrayList<>(lines("b1", 5, 1_000));
    java.util.Collections.reverse(reordered);
    SettlementImport.Outcome again = run(SettlementFiles.text("generic", reordered, Faults.NONE));
    assertTrue(again.replayed());
    assertEquals(first.importId(), again.record().importId());
  }

  @Test
  void aFileOverlappingAnImportedBatchIsRefused() {
    run(SettlementFiles.text("generic", lines("b1", 5, 1_000), Faults.NONE));
    List<Settled> both = new ArrayList<>(lines("b1", 5, 1_000));
    both.addAll(lines("b2", 5, 2_000));
    SettlementImport.BatchConflict e = assertThrows(SettlementImport.BatchConflict.class,
        () -> run(SettlementFiles.text("generic", both, Faults.NONE)));
    assertEquals(Set.of("acmepay/b1"), e.owners().keySet());
  }

  @Test
  void aCrashMidImportLeavesNothingVisibleAndTheNextUploadCompletesIt() {
    String text = SettlementFiles.text("generic", lines("b1", 30_000, 1_000), Faults.NONE);
    store.failStageWrite = 2; // the second chunk of 10,000 lines
    assertThrows(IllegalStateException.class, () -> run(text));
    ImportRecord abandoned = store.imports.values().iterator().next();
    assertFalse(abandoned.complete());
    assertTrue(store.lines.get(abandoned.importId()).size() > 0, "some lines were staged");
    assertEquals(0, store.visibleLines());
    assertTrue(store.batches.isEmpty(), "no batch is claimed");

    store.failStageWrite = -1;
    SettlementImport.Outcome retried = run(text);
    assertFalse(retried.replayed());
    assertEquals(abandoned.importId(), retried.record().importId());
    assertEquals(30_001, store.visibleLines());
  }
}
