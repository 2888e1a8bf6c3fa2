package payledger.web.vendorportal;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import payledger.web.portal.MagicLinks;

/**
 * A sign-in link asked for from a case mail's link leads to that case after signing in, and to
 * nothing but one of this portal's case pages; it still signs in only the vendor its token names.
 */
class CaseLinkTest {

  private static final String CASE = "PL-0123456789";

  @Test
  void onlyACasePageOfThisPortalIsADestination() {
    assertEquals(Optional.of("/vendors/portal/cases/" + CASE), CaseLink.of("/vendors/portal/cases/" + CASE));
    assertEquals(Optional.of("/vendors/portal/cases/" + CASE), CaseLink.forCase(CASE));
    for (String elsewhere : new String[] {null, "", "https://evil.example/vendors/portal/cases/" + CASE,
        "//evil.example/" + CASE, "/vendors/portal/cases/" + CASE + "/reply",
        "/vendors/portal/cases/" + CASE + "?x=1", "/vendors/portal/cases/../sales",
        "/vendors/portal/statements/2026-12.pdf", "/vendors/portal/cases/pl-0123456789",
        "/portal/orders/o1", "/vendors/portal/cases/" + CASE + "\r\nSet-Cookie: x=1"}) {
      assertEquals(Optional.empty(), CaseLink.of(elsewhere), String.valueOf(elsewhere));
    }
    assertEquals(Optional.empty(), CaseLink.forCase("<script>"));
    assertEquals(Optional.of(payledger.notify.Messages.VENDOR_CASE_PAGE + CASE), CaseLink.forCase(CASE),
        "the case mails' links lead to this page");
  }

  @Test
  void theSignInLinkCarriesTheCaseAndStillSignsInItsVendorOnly() {
    MagicLinks links = VendorPortalRoutes.links(VendorPortalPagesTest.SETTINGS, Clock.systemUTC());
    String link = CaseLink.signIn(links.link("acme"), "/vendors/portal/cases/" + CASE);

    URI uri = URI.create(link);
    assertEquals("/vendors/portal/enter", uri.getPath());
    assertTrue(uri.getRawQuery().endsWith("&next=%2Fvendors%2Fportal%2Fcases%2F" + CASE), link);
    String token = uri.getQuery().split("&")[0].substring("token=".length());
    assertEquals(Optional.of("acme"), links.redeem(token), "the token, not the case, names who signs in");
    assertEquals(Optional.empty(), links.redeem(token), "once");
  }
}
