package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.order.Invoice;
import payledger.order.Receipt;

/** Taxes by rate: net base, tax and gross per rate, from invoices that name taxes by amount. */
class ReceiptTaxesTest {

  @Test
  void oneTaxIsOnItemsPlusShippingLessDiscounts() {
    ReceiptTaxes.Rate rate = ReceiptTaxes.of(ReceiptSamples.singleRate("en")).get(0);
    assertEquals(new ReceiptTaxes.Rate("VAT 19%", new BigDecimal("19"), 2495L, 474, 2969L), rate);
  }

  @Test
  void oneTaxWithoutARateInItsNameGetsTheRateItAmountsTo() {
    Receipt r = withTaxes(List.of(new Invoice.Charge("Sales tax", 2000)));
    ReceiptTaxes.Rate rate = ReceiptTaxes.of(r).get(0);
    assertEquals(new BigDecimal("20"), rate.percent());
    assertEquals(10000L, rate.net());
    assertEquals(12000L, rate.gross());
  }

  @Test
  void severalTaxesEachHaveTheNetTheirStatedRateImplies() {
    List<ReceiptTaxes.Rate> rates = ReceiptTaxes.of(ReceiptSamples.twoRates("en"));
    assertEquals(2, rates.size());
    assertEquals(1943L, rates.get(0).net(), "1.36 at 7 %");
    assertEquals(7279L, rates.get(1).net(), "13.83 at 19 %");
    assertEquals(rates.get(1).net() + 1383, rates.get(1).gross());

    List<ReceiptTaxes.Rate> unknown = ReceiptTaxes.of(withTaxes(List.of(
        new Invoice.Charge("State tax", 500), new Invoice.Charge("City tax 1,5 %", 150))));
    assertNull(unknown.get(0).net(), "no rate named: no net to show");
    assertEquals(new BigDecimal("1.5"), unknown.get(1).percent());
    assertEquals(10000L, unknown.get(1).net());
  }

  @Test
  void ratesAreReadFromTheNamesShopsUse() {
    assertEquals(new BigDecimal("19"), ReceiptTaxes.stated("MwSt. 19 %"));
    assertEquals(new BigDecimal("5.5"), ReceiptTaxes.stated("TVA 5,5%"));
    assertEquals(new BigDecimal("23"), ReceiptTaxes.stated("VAT 23%"));
    assertNull(ReceiptTaxes.stated("VAT"));
    assertTrue(ReceiptTaxes.of(withTaxes(List.of())).isEmpty());
  }

  private static Receipt withTaxes(List<Invoice.Charge> taxes) {
    long tax = taxes.stream().mapToLong(Invoice.Charge::amount).sum();
    return new Receipt("R-1", "1", "c", "a@example.com", "en", "USD",
        List.of(new Receipt.Line("A", "A", 1, 10000, 10000)), 0, taxes, List.of(), List.of(),
        10000 + tax, 0, 10000 + tax, List.of(), ReceiptSamples.PAID, ReceiptSamples.ISSUED);
  }
}
