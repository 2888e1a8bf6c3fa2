package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;
import payledger.vendor.PayoutDiscrepancy;
import payledger.vendor.PayoutSettings;
import payledger.vendor.VendorEvent;
import payledger.vendor.VendorProfile;

/**
 * Notices to a vendor about its payouts: what each discrepancy says (what, how much, what happens
 * next, by when), the same ids on a replay, nothing for other events, and the vendor reached on its
 * profile's channels under a key apart from customers.
 */
class VendorNoticePlanTest {

  static final Instant T0 = Instant.parse("2026-12-14T09:00:00Z");
  static final Instant DAY = Instant.parse("2026-12-14T00:00:00Z");

  private final Messages messages = Notifications.messages(
      NotificationSettings.from(TestConfigs.service("")), ServiceClock.frozenAt(T0));

  private static PayoutDiscrepancy discrepancy(PayoutDiscrepancy.Type type, long expected, long actual) {
    return PayoutDiscrepancy.open("PD1", type, "EUR", expected, actual,
        type == PayoutDiscrepancy.Type.PAYOUT_MISSING ? null : "po_1", DAY, T0, PayoutSettings.DEFAULT);
  }

  private Messages.Rendered render(VendorEvent event, String locale) {
    List<NotificationPlan.Draft> drafts = VendorNoticePlan.forVendor(event, locale);
    assertEquals(1, drafts.size());
    Contact contact = VendorNoticeIntake.contact(VendorNoticePlan.recipient("acme"),
        new VendorProfile("Acme Ltd", "pay@acme.example", List.of()));
    return messages.render(drafts.get(0).to(new Contact(contact.customerId(), contact.email(), locale,
        contact.channels(), null)));
  }

  @Test
  void aShortPayoutTellsTheVendorWhatHowMuchWhatNextAndByWhen() {
    Messages.Rendered m = render(new VendorEvent.PayoutDiscrepancyFound("acme",
        discrepancy(PayoutDiscrepancy.Type.PAYOUT_SHORT, 9_000, 8_500)), "en");
    assertEquals("Your payout for December 14, 2026: less than due (PD1)", m.subject());
    assertTrue(m.text().contains("your payout po_1 for the payout day December 14, 2026 was €85.00,"
        + " but €90.00 was due: €5.00 short."), m.text());
    assertTrue(m.text().contains("We will pay you the difference or explain it by December 16, 2026, 09:00 UTC."),
        m.text());
    assertTrue(m.text().contains("quote PD1") && m.text().contains("Example Marketplace"), m.text());
    assertFalse(m.text().contains("{{"), m.text());
  }

  @Test
  void everyKindOfPayoutDiscrepancyHasItsOwnWordsInEnglishAndGerman() {
    for (PayoutDiscrepancy.Type type : PayoutDiscrepancy.Type.values()) {
      long actual = switch (type) {
        case PAYOUT_SHORT -> 8_500;
        case PAYOUT_EXCESS -> 9_500;
        default -> 0;
      };
      VendorEvent found = new VendorEvent.PayoutDiscrepancyFound("acme", discrepancy(type, 9_000, actual));
      for (String locale : List.of("en", "de")) {
        Messages.Rendered m = render(found, locale);
        assertTrue(m.text().contains(locale.equals("en") ? "€90.00" : "90,00"), type + " " + locale + m.text());
        assertTrue(m.text().contains(locale.equals("en") ? "December 16, 2026, 09:00 UTC"
            : "16. Dezember 2026, 09:00 UTC"), "by when: " + m.text());
        assertFalse(m.subject().endsWith(": (PD1)"), "what happened is in the subject: " + m.subject());
      }
    }
    Messages.Rendered missing = render(new VendorEvent.PayoutDiscrepancyFound("acme",
        discrepancy(PayoutDiscrepancy.Type.PAYOUT_MISSING, 9_000, 0)), "en");
    assertTrue(missing.text().contains("no payout reached your account for the payout day"
        + " December 14, 2026, though €90.00 was due."), missing.text());
  }

  @Test
  void theNoticeDeadlineRemindsTheVendorThatItIsStillOpen() {
    PayoutDiscrepancy d = discrepancy(PayoutDiscrepancy.Type.PAYOUT_FAILED, 9_000, 0);
    VendorEvent due = new VendorEvent.PayoutNoticeDue("acme", d, T0.plus(Duration.ofHours(24)));
    NotificationPlan.Draft draft = VendorNoticePlan.forVendor(due, null).get(0);
    assertEquals("vendor:acme:PD1:reminder", draft.id());
    assertEquals(NotificationKind.VENDOR_PAYOUT_REMINDER, draft.kind());
    Messages.Rendered m = render(due, "en");
    assertEquals("Still open: your payout for December 14, 2026 (PD1)", m.subject());
    assertTrue(m.text().contains("your payout po_1 of €90.00 for December 14, 2026 failed"), m.text());
    assertTrue(m.text().contains("We will resolve it by December 16, 2026, 09:00 UTC"), m.text());
  }

  @Test
  void aReplayYieldsTheSameNoticeAndOtherEventsNone() {
    VendorEvent found = new VendorEvent.PayoutDiscrepancyFound("acme",
        discrepancy(PayoutDiscrepancy.Type.PAYOUT_SHORT, 9_000, 8_500));
    assertEquals(VendorNoticePlan.forVendor(found, null), VendorNoticePlan.forVendor(found, null));
    assertEquals("vendor:acme:PD1:found", VendorNoticePlan.forVendor(found, null).get(0).id());
    assertEquals(List.of(), VendorNoticePlan.forVendor(
        new VendorEvent.PayoutDiscrepancyWarned("acme", "PD1", T0), null));
  }

  @Test
  void aVendorIsReachedOnItsChannelsUnderItsOwnKey() {
    Contact c = VendorNoticeIntake.contact(VendorNoticePlan.recipient("acme"),
        new VendorProfile("Acme Ltd", "pay@acme.example", List.of("webhook", "email")));
    assertEquals("vendor:acme", c.customerId());
    assertEquals(List.of(Channel.WEBHOOK, Channel.EMAIL, Channel.IN_APP), c.channels());
    assertNull(c.orderId());
  }
}
