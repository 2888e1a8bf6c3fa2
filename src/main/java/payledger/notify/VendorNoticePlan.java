package payledger.notify;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import payledger.money.MoneyFormat;
import payledger.vendor.PayoutDiscrepancy;
import payledger.vendor.VendorEvent;

/**
 * Which notices a vendor's ledger events call for: a payout discrepancy found
 * ({@link NotificationKind#VENDOR_PAYOUT_ISSUE}) and its notice deadline come while it is open
 * ({@link NotificationKind#VENDOR_PAYOUT_REMINDER}). Pure, like {@link NotificationPlan}: a replay
 * yields the same notification ids ({@code vendor:{vendorId}:{discrepancyId}:found|reminder}), which
 * the outbox already holds, so nothing is sent twice.
 *
 * <p>A vendor is a recipient like a customer, under its own key ({@link #recipient}: its inbox, its
 * contact), reached on the channels of its profile. The values say what happened, how much, what
 * happens next and by when.
 */
public final class VendorNoticePlan {

  /** The field that names the vendor: where the delivery's outcome is reported. */
  static final String VENDOR_ID = "vendorId";

  private VendorNoticePlan() {}

  /** The key a vendor is reached under (contact, inbox): apart from every customer id. */
  public static String recipient(String vendorId) {
    return "vendor:" + vendorId;
  }

  /** Whether {@code n} is a notice to a vendor (its outcome goes back to the vendor's ledger). */
  static boolean toVendor(Notification n) {
    return n.kind() == NotificationKind.VENDOR_PAYOUT_ISSUE
        || n.kind() == NotificationKind.VENDOR_PAYOUT_REMINDER;
  }

  /** The notices {@code event} calls for, in the vendor's locale (null: the default). */
  public static List<NotificationPlan.Draft> forVendor(VendorEvent event, String locale) {
    if (event instanceof VendorEvent.PayoutDiscrepancyFound e) {
      return List.of(draft(e.vendorId(), e.discrepancy(), NotificationKind.VENDOR_PAYOUT_ISSUE,
          "found", e.discrepancy().detectedAt(), locale));
    }
    if (event instanceof VendorEvent.PayoutNoticeDue e) {
      return List.of(draft(e.vendorId(), e.discrepancy(), NotificationKind.VENDOR_PAYOUT_REMINDER,
          "reminder", e.at(), locale));
    }
    return List.of();
  }

  private static NotificationPlan.Draft draft(String vendorId, PayoutDiscrepancy d,
      NotificationKind kind, String suffix, Instant at, String locale) {
    Locale l = Formats.locale(Formats.localeOrDefault(locale));
    Map<String, String> values = new HashMap<>();
    values.put(VENDOR_ID, vendorId);
    values.put("discrepancyId", d.id());
    values.put("type", d.type().name());
    values.put(d.type().name().substring("PAYOUT_".length()).toLowerCase(Locale.ROOT), "true");
    values.put("expected", money(d.expected(), d.currency(), l));
    values.put("actual", money(d.actual(), d.currency(), l));
    values.put("difference", money(Math.abs(d.expected() - d.actual()), d.currency(), l));
    values.put("payoutId", d.payoutId() == null ? "" : d.payoutId());
    values.put("periodDay", Formats.date(d.periodDay(), l));
    values.put("detectedAt", Formats.dateTime(d.detectedAt(), l));
    values.put("resolveBy", Formats.dateTime(d.resolveBy(), l));
    if (d.escalation() > 0) {
      values.put("escalated", "true");
    }
    return new NotificationPlan.Draft("vendor:" + vendorId + ":" + d.id() + ":" + suffix, kind,
        null, null, d.id(), values, null, null, at);
  }

  private static String money(long amount, String currency, Locale locale) {
    return MoneyFormat.format(amount, currency, locale);
  }
}
