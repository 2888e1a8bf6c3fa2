package payledger.web.vendorportal;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import payledger.web.Pages;
import payledger.web.WebSettings;
import payledger.web.portal.MagicLinks;

/**
 * The vendor portal's links are apart from the customers', its pages escape what they show and
 * speak English and German.
 */
class VendorPortalPagesTest {

  static final WebSettings SETTINGS = new WebSettings(Duration.ofMinutes(30),
      Duration.ofHours(12), 100, false, 25, Duration.ofMinutes(30), "a-portal-secret-of-length",
      "http://shop.example");

  private static String token(String link) {
    return link.substring(link.indexOf("token=") + "token=".length());
  }

  @Test
  void aVendorLinkSignsInItsVendorOnceAndOnlyInTheVendorPortal() {
    MagicLinks vendors = VendorPortalRoutes.links(SETTINGS, Clock.systemUTC());
    MagicLinks customers = new MagicLinks(SETTINGS.linkSecret(), SETTINGS.linkValidFor(),
        SETTINGS.publicBaseUrl(), Clock.systemUTC());
    String link = vendors.link("acme");
    assertTrue(link.startsWith("http://shop.example/vendors/portal/enter?token="), link);
    assertTrue(customers.redeem(token(link)).isEmpty(), "a vendor's link is no customer's");
    assertTrue(vendors.redeem(token(customers.link("acme"))).isEmpty(),
        "a customer's link (customer id 'acme') does not sign in vendor 'acme'");
    assertEquals("acme", vendors.redeem(token(link)).orElseThrow());
    assertTrue(vendors.redeem(token(link)).isEmpty(), "once");
  }

  @Test
  void theAccessFormAcceptsOnlyAVendorIdAndAnAddress() {
    assertTrue(VendorAccess.matches("acme", "pay@acme.example"));
    assertFalse(VendorAccess.matches("", "pay@acme.example"));
    assertFalse(VendorAccess.matches("acme/../x", "pay@acme.example"));
    assertFalse(VendorAccess.matches("acme", "not-an-address"));
    assertFalse(VendorAccess.matches("acme", "a".repeat(250) + "@x.de"));
  }

  @Test
  void onlyTheRegisteredContactEmailGetsALink() {
    var profile = new payledger.vendor.VendorProfile("Acme", "Pay@Acme.example", List.of());
    assertTrue(VendorAccess.isContact(profile, " pay@acme.EXAMPLE "));
    assertFalse(VendorAccess.isContact(profile, "someone@else.example"));
    assertFalse(VendorAccess.isContact(new payledger.vendor.VendorProfile("Acme", null, List.of()),
        "pay@acme.example"));
    assertFalse(VendorAccess.isContact(null, "pay@acme.example"), "never registered");
  }

  @Test
  void aPageNumberInTheUrlIsAlwaysAPage() {
    assertEquals(3, VendorPortalRoutes.pageNumber("3"));
    assertEquals(1, VendorPortalRoutes.pageNumber("0"));
    assertEquals(1, VendorPortalRoutes.pageNumber("x<script>"));
    assertEquals(1, VendorPortalRoutes.pageNumber("99999999999999"));
  }

  @Test
  void theReportFormShowsBadInputBackEscapedBesideItsField() {
    Pages pages = new Pages();
    Map<String, Object> m = new HashMap<>();
    m.put("vendor", true);
    m.put("signedIn", true);
    m.put("title", "Report");
    m.put("csrf", "tok");
    m.put("categories", List.of(Map.of("value", "PAYOUT_MISSING", "label", "A payout did not arrive",
        "selected", false)));
    m.put("discrepancies", List.of());
    m.put("currencies", List.of(Map.of("value", "EUR", "selected", true)));
    m.put("description", "<script>alert(1)</script>");
    m.put("amount", "\"><img src=x>");
    m.put("errors", Map.of("amount", "Enter an amount such as 12.50, or leave it empty."));
    m.put("invalid", true);
    String html = pages.render("vendorportal/report.mustache", "en", m);
    assertFalse(html.contains("<script>alert"), html);
    assertFalse(html.contains("<img src=x>"), html);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    assertTrue(html.contains("id=\"err-amount\">Enter an amount such as 12.50"), html);
    assertTrue(html.contains("aria-invalid=\"true\" aria-describedby=\"err-amount\""), html);
    assertFalse(html.contains("id=\"err-description\""), "only the bad field");
    assertTrue(html.contains("href=\"/vendors/portal/assets/web.css\""), "the portals' stylesheet");
    assertTrue(html.contains("href=\"/vendors/portal/payouts\""), "the vendor's navigation");
    assertFalse(html.contains("/portal/notifications"), "not the customers'");
  }

  @Test
  void theBalanceSpeaksGermanAndEscapesTheVendorsName() {
    Pages pages = new Pages();
    Map<String, Object> m = new HashMap<>();
    m.put("vendor", true);
    m.put("signedIn", true);
    m.put("title", "Guthaben");
    m.put("name", "Acme <b>GmbH</b>");
    m.put("balances", List.of(Map.of("currency", "EUR", "pending", "10,00 €", "available", "5,00 €",
        "paidOut", "0,00 €", "owed", "15,00 €")));
    m.put("next", List.of());
    m.put("schedule", "täglich");
    String html = pages.render("vendorportal/balance.mustache", "de", m);
    assertTrue(html.contains("Acme &lt;b&gt;GmbH&lt;/b&gt;"), html);
    assertTrue(html.contains("Vorgemerkt") && html.contains("Ausgezahlt") && html.contains("Händlerportal"), html);
    for (String lang : Pages.LANGUAGES) {
      for (String key : List.of("vendor_portal_name", "vp_error_amount", "category_PAYOUT_MISSING",
          "discrepancy_PAYOUT_FAILED", "kind_CHARGEBACK", "vp_schedule_WEEKLY")) {
        assertTrue(pages.strings(lang).containsKey(key), lang + " " + key);
      }
    }
  }
}
