package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import payledger.money.Money;
import payledger.order.PaymentEventType;
import payledger.settlement.MonthOfSettlements.DataSet;
import payledger.settlement.MonthOfSettlements.Expected;
import payledger.settlement.SettlementFiles.Faults;
import payledger.settlement.SettlementFiles.Settled;

/**
 * The run's merge join of payment lines with a scan of the ledger's days gives exactly what a
 * lookup per line gives — the same findings, the same figures — and looks up by key only what
 * the scan cannot settle.
 */
class SettlementRunJoinTest {

  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  /** What a run left: its figures, its findings by id, and how many ids it looked up by key. */
  private record Outcome(RunTally.Summary summary, Map<String, Finding> findings, int keyLookups) {}

  private static SettlementSettings settings(int scanJoinMinLines, int windowDays) {
    return SettlementSettings.from(ConfigFactory.parseString("payledger.settlements { scan-join-min-lines = "
        + scanJoinMinLines + ", match-window-days = " + windowDays + " }").withFallback(ConfigFactory.load()));
  }

  private static Outcome run(String layout, String file, List<LedgerPayment> ledger, Instant now,
      SettlementSettings settings) throws Exception {
    InMemorySettlementStore store = new InMemorySettlementStore();
    store.recordPayments(ledger);
    List<SettlementLine> lines = new ArrayList<>();
    try (SettlementReader reader = SettlementReader.open(new StringReader(file))) {
      reader.forEachRemaining(lines::add);
    }
    store.stage("stl-join", 0, lines);
    List<String> batches = lines.stream().map(l -> ImportRecord.batchKey(l.gateway(), l.batch())).distinct().toList();
    ImportRecord imported = new ImportRecord("stl-join", "0", "f.csv", layout, ImportRecord.Status.COMPLETE,
        lines.size(), lines.size(), batches, now, now);
    RunTally.Summary summary = new SettlementReconciliation(store,
        findings -> CompletableFuture.completedFuture(Done.getInstance()), settings,
        Clock.fixed(now, ZoneOffset.UTC), KIT.system()).run(imported).toCompletableFuture().get(1, TimeUnit.MINUTES);
    return new Outcome(summary, new TreeMap<>(store.findings.getOrDefault("stl-join", Map.of())),
        store.keyLookups.get());
  }

  @ParameterizedTest
  @ValueSource(strings = {"adyen", "generic", "stripe"})
  void theScanJoinFindsExactlyWhatLookupsFind(String layout) throws Exception {
    DataSet data = MonthOfSettlements.generate(layout, 20261207L, 3_000, 20);
    String file = SettlementFiles.text(layout, data.lines(), data.faults());
    Outcome lookups = run(layout, file, data.ledger(), data.asOf(), settings(Integer.MAX_VALUE, 7));
    Outcome joined = run(layout, file, data.ledger(), data.asOf(), settings(0, 7));

    assertEquals(lookups.findings(), joined.findings());
    assertEquals(lookups.summary(), joined.summary());
    Set<Expected> found = new HashSet<>();
    joined.findings().values().forEach(f -> found.add(new Expected(f.type(),
        f.type() == FindingType.PAYOUT_TOTAL_MISMATCH ? f.batch() : f.paymentId())));
    assertEquals(data.expected(), found, "every fault found, nothing else");
    // looked up by key: refunds, chargebacks, unknown references and changed amounts only (a
    // Stripe line joins under its payment intent, its first reference, and is looked up under its
    // two or three references when the scan does not settle it)
    long ledgerLines = joined.summary().overall().lines();
    if (!layout.equals("stripe")) {
      assertTrue(joined.keyLookups() < ledgerLines / 10,
          joined.keyLookups() + " lookups for " + ledgerLines + " ledger lines");
    } else {
      assertTrue(joined.keyLookups() < lookups.keyLookups() / 10,
          joined.keyLookups() + " lookups against " + lookups.keyLookups() + " without the join");
    }
  }

  @Test
  void edgeCasesOfTheJoin() throws Exception {
    Instant lineDay = Instant.parse("2026-11-10T12:00:00Z");
    Instant now = lineDay.plus(Duration.ofDays(1));
    List<LedgerPayment> ledger = new ArrayList<>();
    List<Settled> lines = new ArrayList<>();
    // journaled the day before the line's day (the batch's), inside the window
    pay(ledger, "p-before", "e1", 1_000, lineDay.minus(Duration.ofHours(20)));
    line(lines, SettlementKind.PAYMENT, "p-before", 1_000, "l1");
    // journaled 10 days before, outside a window of 7: found by key
    pay(ledger, "p-old", "e2", 2_000, lineDay.minus(Duration.ofDays(10)));
    line(lines, SettlementKind.PAYMENT, "p-old", 2_000, "l2");
    // journaled the day after the line (a late webhook), outside the window: found by key
    pay(ledger, "p-late", "e3", 3_000, lineDay.plus(Duration.ofHours(14)));
    line(lines, SettlementKind.PAYMENT, "p-late", 3_000, "l3");
    // settled twice in the file: both lines match the one payment
    pay(ledger, "p-twice", "e4", 4_000, lineDay.minus(Duration.ofHours(2)));
    line(lines, SettlementKind.PAYMENT, "p-twice", 4_000, "l4a");
    line(lines, SettlementKind.PAYMENT, "p-twice", 4_000, "l4b");
    // two succeeded events, the line settles the second amount
    pay(ledger, "p-two", "e5a", 5_000, lineDay.minus(Duration.ofHours(3)));
    pay(ledger, "p-two", "e5b", 5_500, lineDay.minus(Duration.ofHours(2)));
    line(lines, SettlementKind.PAYMENT, "p-two", 5_500, "l5");
    // refunded and charged back: found by key
    pay(ledger, "p-refund", "e6", 6_000, lineDay.minus(Duration.ofHours(5)));
    ledger.add(new LedgerPayment("acmepay", "p-refund", "acmepay:r6", "order-p-refund", PaymentEventType.REFUNDED,
        new Money(2_000, "EUR"), "card", lineDay.minus(Duration.ofHours(1))));
    line(lines, SettlementKind.PAYMENT, "p-refund", 6_000, "l6");
    line(lines, SettlementKind.REFUND, "p-refund", -2_000, "l6r");
    pay(ledger, "p-cb", "e7", 7_000, lineDay.minus(Duration.ofHours(5)));
    ledger.add(new LedgerPayment("acmepay", "p-cb", "acmepay:c7", "order-p-cb", PaymentEventType.CHARGEBACK,
        new Money(7_000, "EUR"), "card", lineDay.minus(Duration.ofHours(1))));
    line(lines, SettlementKind.CHARGEBACK, "p-cb", -7_000, "l7c");
    // the ledger never saw it
    line(lines, SettlementKind.PAYMENT, "p-unknown", 8_000, "l8");
    // another amount than the ledger's: looked up by key, then a mismatch
    pay(ledger, "p-wrong", "e9", 9_000, lineDay.minus(Duration.ofHours(5)));
    line(lines, SettlementKind.PAYMENT, "p-wrong", 9_100, "l9");
    // ids whose order is not the file's: upper case, non-ASCII
    pay(ledger, "p-\u00fc", "e10", 10_000, lineDay.minus(Duration.ofHours(5)));
    pay(ledger, "P-Z", "e11", 11_000, lineDay.minus(Duration.ofHours(5)));
    line(lines, SettlementKind.PAYMENT, "p-\u00fc", 10_000, "l10");
    line(lines, SettlementKind.PAYMENT, "P-Z", 11_000, "l11");
    String file = SettlementFiles.text("generic", lines, Faults.NONE);

    Outcome joined = run("generic", file, ledger, now, settings(0, 7));
    Outcome lookups = run("generic", file, ledger, now, settings(Integer.MAX_VALUE, 7));

    assertEquals(lookups.findings(), joined.findings());
    assertEquals(lookups.summary(), joined.summary());
    Map<FindingType, Set<String>> byType = new TreeMap<>();
    joined.findings().values().forEach(f -> byType.computeIfAbsent(f.type(), t -> new java.util.TreeSet<>())
        .add(f.paymentId()));
    assertEquals(Map.of(FindingType.UNKNOWN_SETTLEMENT, Set.of("p-unknown"),
        FindingType.SETTLEMENT_AMOUNT_MISMATCH, Set.of("p-wrong")), byType);
    assertEquals(13, joined.summary().overall().lines());
    assertEquals(11, joined.summary().overall().matched());
    // by key: the old, the late, the refund line, the chargeback line, the unknown and the changed amount
    assertEquals(6, joined.keyLookups());
  }

  @Test
  void aFileSpreadOverMoreDaysThanAScanTakesIsLookedUpByKey() throws Exception {
    Instant first = Instant.parse("2026-07-01T12:00:00Z");
    List<LedgerPayment> ledger = new ArrayList<>();
    List<Settled> lines = new ArrayList<>();
    for (int d = 0; d < 100; d += 10) {
      Instant at = first.plus(Duration.ofDays(d));
      pay(ledger, "p-day" + d, "e" + d, 1_000 + d, at.minus(Duration.ofHours(1)));
      lines.add(new Settled("b1", SettlementKind.PAYMENT, "p-day" + d, "order-" + d, "card", at,
          new Money(1_000 + d, "EUR"), Money.zero("EUR"), new Money(1_000 + d, "EUR"), null, "l" + d));
    }
    String file = SettlementFiles.text("generic", lines, Faults.NONE);
    Outcome outcome = run("generic", file, ledger, first.plus(Duration.ofDays(101)), settings(0, 7));
    assertEquals(10, outcome.summary().overall().matched());
    assertEquals(10, outcome.keyLookups(), "100 days and the window: every line looked up by key");
  }

  private static void pay(List<LedgerPayment> ledger, String paymentId, String event, long amount, Instant at) {
    ledger.add(new LedgerPayment("acmepay", paymentId, "acmepay:" + event, "order-" + paymentId,
        PaymentEventType.SUCCEEDED, new Money(amount, "EUR"), "card", at));
  }

  private static void line(List<Settled> lines, SettlementKind kind, String paymentId, long gross, String lineId) {
    Instant at = Instant.parse("2026-11-10T12:00:00Z").plusSeconds(lines.size());
    lines.add(new Settled("b1", kind, paymentId, "order-" + paymentId, "card", at, new Money(gross, "EUR"),
        Money.zero("EUR"), new Money(gross, "EUR"), null, lineId));
  }
}
