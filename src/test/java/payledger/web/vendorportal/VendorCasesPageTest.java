package payledger.web.vendorportal;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import payledger.readmodel.PageToken;
import payledger.vendor.VendorCaseList;

/** The issues page's token names the last case shown, and only the vendor's own list takes it. */
class VendorCasesPageTest {

  @Test
  void aPageTokenLeadsOnFromItsCaseOnTheVendorsOwnListOnly() {
    Instant at = Instant.parse("2026-12-07T10:00:00Z");
    PageToken token = PageToken.decode(new PageToken("acme", at, "PL-0123456789").encode());

    assertEquals(new VendorCaseList.Listed("PL-0123456789", at), VendorCasesPage.after("acme", token));
    assertThrows(PageToken.Invalid.class, () -> VendorCasesPage.after("bolt", token));
    assertThrows(PageToken.Invalid.class, () -> PageToken.decode("not-a-token"));
  }
}
