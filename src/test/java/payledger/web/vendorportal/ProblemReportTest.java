package payledger.web.vendorportal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import payledger.dispute.DisputeCategory;
import payledger.money.Money;

/** The "report a payment problem" form: what a valid report is, and each bad field named. */
class ProblemReportTest {

  private static Map<String, String> form(String... pairs) {
    Map<String, String> fields = new HashMap<>();
    fields.put("nonce", "n-1");
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], pairs[i + 1]);
    }
    return fields;
  }

  private static ProblemReport read(Map<String, String> fields) {
    return ProblemReport.read(fields, Set.of("PD1", "PD2"), List.of("EUR", "JPY"));
  }

  @Test
  void aReportWithACategoryAndADescriptionIsValid() {
    ProblemReport r = read(form("category", "PAYOUT_MISSING", "description", "  nothing arrived  "));
    assertTrue(r.valid(), r.errors().toString());
    assertEquals(DisputeCategory.PAYOUT_MISSING, r.category());
    assertEquals("nothing arrived", r.description());
    assertNull(r.discrepancyId());
    assertNull(r.amount());
  }

  @Test
  void itNamesOneOfTheVendorsDiscrepanciesAndAnAmountInItsCurrency() {
    ProblemReport r = read(form("category", "PAYOUT_INCORRECT", "description", "5 short",
        "discrepancy", "PD2", "amount", "12,50", "currency", "EUR"));
    assertTrue(r.valid(), r.errors().toString());
    assertEquals("PD2", r.discrepancyId());
    assertEquals(new Money(1_250, "EUR"), r.amount());
    assertEquals(new Money(500, "JPY"), read(form("category", "PAYOUT_INCORRECT", "description", "x",
        "amount", "500", "currency", "JPY")).amount());
  }

  @Test
  void eachBadFieldIsNamedWithItsMessage() {
    ProblemReport r = read(form("category", "DOUBLE_CHARGE", "description", " ",
        "discrepancy", "PD9", "amount", "12.345", "currency", "EUR"));
    assertFalse(r.valid());
    assertEquals(Map.of("category", "vp_error_category", "description", "vp_error_description",
        "discrepancy", "vp_error_discrepancy", "amount", "vp_error_amount"), r.errors());
  }

  @Test
  void amountsMustBePositiveNumbersInAnOfferedCurrency() {
    for (String[] bad : new String[][] {{"-5", "EUR"}, {"0", "EUR"}, {"abc", "EUR"}, {"1.5", "JPY"},
        {"10", "USD"}, {"10", "<script>"}, {"99999999999", "EUR"}}) {
      ProblemReport r = read(form("category", "PAYOUT_MISSING", "description", "d",
          "amount", bad[0], "currency", bad[1]));
      assertEquals(Map.of("amount", "vp_error_amount"), r.errors(), bad[0] + " " + bad[1]);
    }
  }

  @Test
  void aMissingFieldOrAnOverlongDescriptionIsRefused() {
    assertFalse(read(new HashMap<>()).valid());
    ProblemReport noNonce = ProblemReport.read(Map.of("category", "PAYOUT_MISSING",
        "description", "d"), Set.of(), List.of("EUR"));
    assertEquals(Set.of("nonce"), noNonce.errors().keySet());
    ProblemReport longOne = read(form("category", "PAYOUT_MISSING",
        "description", "x".repeat(ProblemReport.MAX_DESCRIPTION + 1)));
    assertEquals(Set.of("description"), longOne.errors().keySet());
  }
}
