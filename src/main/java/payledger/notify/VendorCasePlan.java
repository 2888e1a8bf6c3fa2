package payledger.notify;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import payledger.dispute.CaseResolution;
import payledger.dispute.DisputeEvent;
import payledger.dispute.Lifecycle;
import payledger.money.MoneyFormat;

/**
 * Which mails a vendor's own case calls for (a case of source VENDOR, {@code vendor/VendorCases}):
 * its acknowledgement ({@link NotificationKind#VENDOR_CASE_ACKNOWLEDGED}) and its resolution with
 * the outcome in words ({@link NotificationKind#VENDOR_CASE_RESOLVED}). Pure, like
 * {@link VendorNoticePlan}: a replay yields the same notification ids
 * ({@code vendor:{vendorId}:case:{caseId}:acknowledged|resolved}), which the outbox already holds,
 * so nothing is sent twice. The vendor is reached under {@link VendorNoticePlan#recipient} on the
 * channels of its profile. The notices name no case id of their own ({@code disputeId} null), so
 * their outcome is not taken for the case's customer being told: the outbox records it.
 */
public final class VendorCasePlan {

  private VendorCasePlan() {}

  /** The key under which a case remembers its vendor: apart from every customer's case. */
  static String caseKey(String disputeId) {
    return "vendorcase:" + disputeId;
  }

  /** Whether {@code event} may call for a vendor mail (before the vendor is looked up). */
  static boolean mayNotify(DisputeEvent event) {
    return event instanceof DisputeEvent.Resolved
        || event instanceof DisputeEvent.ActionTaken e && e.action() == Lifecycle.Action.ACKNOWLEDGE;
  }

  /** The mails {@code event} of a case of {@code vendorId} calls for, in the vendor's locale (null: the default). */
  public static List<NotificationPlan.Draft> forCase(DisputeEvent event, String vendorId, String locale) {
    Locale l = Formats.locale(Formats.localeOrDefault(locale));
    String id = event.disputeId();
    Map<String, String> values = new HashMap<>();
    values.put(VendorNoticePlan.VENDOR_ID, vendorId);
    values.put("trackingNumber", id);
    if (event instanceof DisputeEvent.ActionTaken e && e.action() == Lifecycle.Action.ACKNOWLEDGE) {
      values.put("at", Formats.dateTime(e.at(), l));
      return List.of(draft(vendorId, id, "acknowledged", NotificationKind.VENDOR_CASE_ACKNOWLEDGED, values, e.at()));
    }
    if (event instanceof DisputeEvent.Resolved e) {
      CaseResolution r = e.resolution();
      values.put("at", Formats.dateTime(e.at(), l));
      // One flag per outcome: each template words it in its language.
      values.put(outcome(r.action()), "true");
      if (r.amount() != null) {
        values.put("amount", MoneyFormat.format(r.amount(), l));
      }
      if (r.reason() != null && !r.reason().isBlank()) {
        values.put("reason", r.reason());
      }
      return List.of(draft(vendorId, id, "resolved", NotificationKind.VENDOR_CASE_RESOLVED, values, e.at()));
    }
    return List.of();
  }

  /** The template flag of a resolution's action: refund, invoiceAdjustment, paymentRetry, noAction. */
  static String outcome(CaseResolution.Action action) {
    return switch (action) {
      case REFUND -> "refund";
      case INVOICE_ADJUSTMENT -> "invoiceAdjustment";
      case PAYMENT_RETRY -> "paymentRetry";
      case NO_ACTION -> "noAction";
    };
  }

  private static NotificationPlan.Draft draft(String vendorId, String caseId, String suffix,
      NotificationKind kind, Map<String, String> values, Instant at) {
    return new NotificationPlan.Draft("vendor:" + vendorId + ":case:" + caseId + ":" + suffix, kind,
        null, null, caseId, values, null, null, at);
  }
}
