package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import payledger.dispute.CaseResolution;
import payledger.dispute.DisputeEvent;
import payledger.dispute.Lifecycle;
import payledger.money.Money;
import payledger.testing.TestConfigs;
import payledger.time.ServiceClock;

/**
 * Mails to a vendor about its own case: the acknowledgement, and the resolution with its outcome
 * in words (English and German), the same ids on a replay, nothing for other case events.
 */
class VendorCasePlanTest {

  private static final Instant T0 = Instant.parse("2026-12-14T09:00:00Z");

  private final Messages messages = Notifications.messages(
      NotificationSettings.from(TestConfigs.service("")), ServiceClock.frozenAt(T0));

  private Messages.Rendered render(DisputeEvent event, String locale) {
    List<NotificationPlan.Draft> drafts = VendorCasePlan.forCase(event, "acme", locale);
    assertEquals(1, drafts.size());
    return messages.render(drafts.get(0).to(new Contact(VendorNoticePlan.recipient("acme"), "pay@acme.example",
        locale, List.of(Channel.EMAIL, Channel.IN_APP), null)));
  }

  private static DisputeEvent.Resolved resolved(CaseResolution.Action action, Money amount, String reason) {
    return new DisputeEvent.Resolved("PL-VC1", new CaseResolution(action, amount, reason, "agent-7"),
        T0.plusSeconds(3600));
  }

  @Test
  void theAcknowledgementGivesTheCaseNumber() {
    Messages.Rendered m = render(new DisputeEvent.ActionTaken("PL-VC1", Lifecycle.Action.ACKNOWLEDGE,
        "agent-7", null, T0), "en");
    assertEquals("We are working on your case PL-VC1", m.subject());
    assertTrue(m.text().contains("(acknowledged December 14, 2026, 09:00 UTC)"), m.text());
    assertFalse(m.text().contains("{{"), m.text());
    Messages.Rendered de = render(new DisputeEvent.ActionTaken("PL-VC1", Lifecycle.Action.ACKNOWLEDGE,
        "agent-7", null, T0), "de");
    assertEquals("Wir bearbeiten Ihren Fall PL-VC1", de.subject());
  }

  @Test
  void theResolutionSaysTheOutcomeInWords() {
    Messages.Rendered none = render(resolved(CaseResolution.Action.NO_ACTION, null, "the rest was paid"), "en");
    assertEquals("Your case PL-VC1 is resolved", none.subject());
    assertTrue(none.text().contains("Outcome: no further payment was needed."), none.text());
    assertTrue(none.text().contains("Our note: the rest was paid"), none.text());
    Messages.Rendered retry = render(resolved(CaseResolution.Action.PAYMENT_RETRY, new Money(500, "EUR"), null), "en");
    assertTrue(retry.text().contains("Outcome: we are paying €5.00 again."), retry.text());
    assertFalse(retry.text().contains("Our note"), retry.text());
    Messages.Rendered de = render(resolved(CaseResolution.Action.REFUND, new Money(500, "EUR"), null), "de");
    assertEquals("Ihr Fall PL-VC1 ist gelöst", de.subject());
    assertTrue(de.text().replace('\u00a0', ' ').contains("Ergebnis: wir haben 5,00 € erstattet."), de.text());
  }

  @Test
  void theSameIdsOnAReplayAndNothingForOtherEvents() {
    DisputeEvent ack = new DisputeEvent.ActionTaken("PL-VC1", Lifecycle.Action.ACKNOWLEDGE, "agent-7", null, T0);
    assertEquals("vendor:acme:case:PL-VC1:acknowledged", VendorCasePlan.forCase(ack, "acme", null).get(0).id());
    assertEquals(VendorCasePlan.forCase(ack, "acme", null), VendorCasePlan.forCase(ack, "acme", null));
    assertEquals("vendor:acme:case:PL-VC1:resolved", VendorCasePlan.forCase(
        resolved(CaseResolution.Action.NO_ACTION, null, null), "acme", null).get(0).id());
    assertNull(VendorCasePlan.forCase(ack, "acme", null).get(0).disputeId(),
        "not taken for the case's customer being told");
    assertEquals(List.of(), VendorCasePlan.forCase(new DisputeEvent.ActionTaken("PL-VC1", Lifecycle.Action.NOTE,
        "agent-7", "looking", T0), "acme", null));
    assertFalse(VendorCasePlan.mayNotify(new DisputeEvent.ActionTaken("PL-VC1", Lifecycle.Action.ESCALATE,
        "agent-7", null, T0)));
  }

  @Test
  void everyVendorMessageIsWrittenInPolishForAPolishVendor() {
    Contact contact = VendorNoticeIntake.contact(VendorNoticePlan.recipient("acme"),
        new payledger.vendor.VendorProfile("Acme", "pay@acme.example", List.of("email"), "pl"));
    assertEquals("pl", contact.locale(), "the vendor's contact carries its language");
    Messages.Rendered ack = render(new DisputeEvent.ActionTaken("PL-VC1", Lifecycle.Action.ACKNOWLEDGE,
        "agent-7", null, T0), "pl");
    assertEquals("Zajmujemy się Twoim zgłoszeniem PL-VC1", ack.subject());
    assertTrue(ack.text().contains("(potwierdzono 14 grudnia 2026"), ack.text());
    Messages.Rendered done = render(resolved(CaseResolution.Action.NO_ACTION, null, "reszta wpłynęła"), "pl");
    assertTrue(done.text().contains("Wynik: dalsza płatność nie była potrzebna."), done.text());
    for (payledger.vendor.PayoutDiscrepancy.Type type : payledger.vendor.PayoutDiscrepancy.Type.values()) {
      payledger.vendor.PayoutDiscrepancy d = payledger.vendor.PayoutDiscrepancy.open("PD1", type, "PLN", 9_000,
          type == payledger.vendor.PayoutDiscrepancy.Type.PAYOUT_SHORT ? 8_500 : 0,
          type == payledger.vendor.PayoutDiscrepancy.Type.PAYOUT_MISSING ? null : "po_1",
          Instant.parse("2026-12-14T00:00:00Z"), T0, payledger.vendor.PayoutSettings.DEFAULT);
      for (payledger.vendor.VendorEvent e : List.of(new payledger.vendor.VendorEvent.PayoutDiscrepancyFound("acme", d),
          new payledger.vendor.VendorEvent.PayoutNoticeDue("acme", d, T0))) {
        Messages.Rendered m = messages.render(VendorNoticePlan.forVendor(e, "pl").get(0).to(contact));
        assertTrue(m.subject().contains("wypłat") && m.text().contains("Dzień dobry"), type + ": " + m.text());
        assertTrue(m.text().contains("14 grudnia 2026") && m.text().contains("90,00"), type + ": " + m.text());
        assertFalse(m.text().contains("{{") || m.text().contains("Hello"), type + ": " + m.text());
      }
    }
  }
}
