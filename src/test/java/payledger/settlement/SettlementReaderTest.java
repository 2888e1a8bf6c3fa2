package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import payledger.money.Money;
import payledger.settlement.SettlementFiles.Faults;
import payledger.settlement.SettlementFiles.Settled;

class SettlementReaderTest {

  private static final Instant AT = Instant.parse("2026-11-03T10:15:30Z");

  private static List<Settled> batch(String batch) {
    return List.of(
        new Settled(batch, SettlementKind.PAYMENT, "pay-1", "order-1", "card", AT,
            new Money(10_000, "EUR"), new Money(290, "EUR"), new Money(9_710, "EUR"), null, "l1"),
        new Settled(batch, SettlementKind.PAYMENT, "pay-2", "order-2", "ideal", AT.plusSeconds(60),
            new Money(5_000, "USD"), new Money(100, "EUR"), new Money(4_500, "EUR"),
            new BigDecimal("0.92"), "l2"),
        new Settled(batch, SettlementKind.REFUND, "pay-1", "order-1", "card", AT.plusSeconds(120),
            new Money(-2_500, "EUR"), new Money(0, "EUR"), new Money(-2_500, "EUR"), null, "l3"),
        new Settled(batch, SettlementKind.CHARGEBACK, "pay-3", "order-3", "card", AT.plusSeconds(180),
            new Money(-1_000, "EUR"), new Money(1_500, "EUR"), new Money(-2_500, "EUR"), null, "l4"));
  }

  private static List<SettlementLine> read(String text) {
    List<SettlementLine> lines = new ArrayList<>();
    try (SettlementReader reader = SettlementReader.open(new StringReader(text))) {
      reader.forEachRemaining(lines::add);
    }
    return lines;
  }

  private static String batchOf(String layout) {
    return layout.equals("adyen") ? "PayledgerEU:42" : "po_1";
  }

  @ParameterizedTest
  @ValueSource(strings = {"stripe", "adyen", "generic"})
  void eachLayoutReadsBackWhatWasSettled(String layout) {
    String batch = batchOf(layout);
    List<Settled> written = batch(batch);
    String text = SettlementFiles.text(layout, written, Faults.NONE);
    try (SettlementReader reader = SettlementReader.open(new StringReader(text))) {
      assertEquals(layout, reader.layout());
    }
    List<SettlementLine> lines = read(text);
    assertEquals(5, lines.size());
    for (int i = 0; i < written.size(); i++) {
      Settled s = written.get(i);
      SettlementLine l = lines.get(i);
      assertEquals(i + 2, l.line());
      assertEquals(batch, l.batch());
      assertEquals(s.kind(), l.kind());
      assertEquals(s.paymentId(), l.references().get(0));
      assertEquals(s.charged(), l.gross(), "gross of " + s.lineId());
      assertEquals(s.fee(), l.fee(), "fee of " + s.lineId());
      assertEquals(s.net(), l.net(), "net of " + s.lineId());
      assertEquals(s.at(), l.occurredAt());
      assertEquals(s.orderId(), l.merchantReference());
      assertEquals(s.method(), l.method());
    }
    SettlementLine payout = lines.get(4);
    assertEquals(SettlementKind.PAYOUT, payout.kind());
    assertEquals(new Money(-(9_710 + 4_500 - 2_500 - 2_500), "EUR"), payout.net());
  }

  @ParameterizedTest
  @ValueSource(strings = {"stripe", "adyen", "generic"})
  void aConvertedLineCarriesItsRate(String layout) {
    SettlementLine converted = read(SettlementFiles.text(layout, batch(batchOf(layout)), Faults.NONE)).get(1);
    assertTrue(converted.converted());
    // Stripe states no rate: it follows from the settled gross over the customer-facing amount.
    assertEquals(0, new BigDecimal("0.92").compareTo(converted.exchangeRate()));
    assertNull(read(SettlementFiles.text(layout, batch(batchOf(layout)), Faults.NONE)).get(0).exchangeRate());
  }

  @ParameterizedTest
  @ValueSource(strings = {"stripe", "adyen", "generic"})
  void aMalformedLineIsReportedWithItsNumber(String layout) {
    String text = SettlementFiles.text(layout, batch(batchOf(layout)), new Faults(Set.of(4L), Map.of()));
    MalformedSettlement e = assertThrows(MalformedSettlement.class, () -> read(text));
    assertEquals(4, e.line());
  }

  @Test
  void stripeMatchesByPaymentIntentThenChargeThenSource() {
    String text = String.join(",", StripeItemized.REQUIRED) + ",payment_intent_id,charge_id\n"
        + "txn_1,2026-11-03 10:15:30,eur,100.00,2.90,97.10,charge,ch_1,po_1,pi_1,ch_1\n";
    SettlementLine line = read(text).get(0);
    assertEquals(List.of("pi_1", "ch_1"), line.references());
    assertEquals(new Money(290, "EUR"), line.fee());
  }

  @Test
  void stripeRefusesANetThatIsNotGrossLessFee() {
    String text = String.join(",", StripeItemized.REQUIRED) + "\n"
        + "txn_1,2026-11-03 10:15:30,eur,100.00,2.90,96.10,charge,ch_1,po_1\n";
    MalformedSettlement e = assertThrows(MalformedSettlement.class, () -> read(text));
    assertEquals(2, e.line());
  }

  @Test
  void adyenCreationDateIsInItsTimeZone() {
    SettlementLine line = read(SettlementFiles.text("adyen", batch("Acc:7"), Faults.NONE)).get(0);
    assertEquals(AT, line.occurredAt());
    assertEquals("Acc:7", line.batch());
  }

  @Test
  void anUnknownHeaderIsLineOne() {
    MalformedSettlement e = assertThrows(MalformedSettlement.class, () -> read("a,b,c\n1,2,3\n"));
    assertEquals(1, e.line());
    assertEquals(1, assertThrows(MalformedSettlement.class, () -> read("")).line());
  }

  @Test
  void aRecordOfAnotherWidthIsMalformed() {
    String text = String.join(",", GenericSettlementCsv.HEADER) + "\n"
        + "acme,b1,l1,PAYMENT,p1,o1,card,2026-11-03T10:15:30Z,10.00,EUR,0.30,9.70,EUR,\n"
        + "acme,b1,l2,PAYMENT,p2\n";
    MalformedSettlement e = assertThrows(MalformedSettlement.class, () -> read(text));
    assertEquals(3, e.line());
  }

  @Test
  void quotedFieldsKeepCommasQuotesAndLineBreaks() {
    String text = String.join(",", GenericSettlementCsv.HEADER) + "\r\n"
        + "acme,b1,l1,PAYMENT,p1,\"order, \"\"one\"\"\nsecond line\",card,2026-11-03T10:15:30Z,"
        + "\"1,000.00\",EUR,0.30,9.70,EUR,\n"
        + "acme,b1,l2,PAYMENT,p2,o2,card,2026-11-03T10:15:30Z,10.00,EUR,0.30,9.70,EUR,\n";
    MalformedSettlement e = assertThrows(MalformedSettlement.class, () -> read(text));
    assertEquals(2, e.line(), "\"1,000.00\" is one field, and not a decimal");
    List<SettlementLine> lines = read(text.replace("\"1,000.00\"", "10.00"));
    assertEquals("order, \"one\"\nsecond line", lines.get(0).merchantReference());
    assertEquals(4, lines.get(1).line(), "the quoted line break counts as a line");
  }

  @Test
  void anUnclosedQuoteIsMalformed() {
    String text = String.join(",", GenericSettlementCsv.HEADER) + "\n"
        + "acme,b1,l1,PAYMENT,p1,\"o1,card,2026-11-03T10:15:30Z,10.00,EUR,0.30,9.70,EUR,\n";
    assertEquals(2, assertThrows(MalformedSettlement.class, () -> read(text)).line());
  }

  @Test
  void amountsAreExactInTheCurrencysMinorUnits() {
    assertEquals(new Money(1_200, "JPY"), Amounts.money("1200", "JPY"));
    assertEquals(new Money(12_345, "BHD"), Amounts.money("12.345", "BHD"));
    assertEquals(new Money(-1_050, "EUR"), Amounts.money("-10.5", "EUR"));
    assertEquals(new Money(0, "EUR"), Amounts.money("", "EUR"));
    assertThrows(IllegalArgumentException.class, () -> Amounts.money("12.5", "JPY"));
    assertThrows(IllegalArgumentException.class, () -> Amounts.money("12.345", "EUR"));
    assertThrows(IllegalArgumentException.class, () -> Amounts.money("12,34", "EUR"));
    assertThrows(IllegalArgumentException.class, () -> Amounts.money("1.00", "XXX"));
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsSkipped() {
    String text = "\uFEFF" + SettlementFiles.text("generic", batch("b1"), Faults.NONE);
    assertEquals(5, read(text).size());
  }
}
