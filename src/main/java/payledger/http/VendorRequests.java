package payledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import payledger.json.JsonFields;
import payledger.notify.Channel;
import payledger.vendor.CommissionTerms;
import payledger.vendor.PayoutSchedule;
import payledger.vendor.VendorProfile;

/** Reads the bodies of the vendor routes: registration, commission terms, payout schedule. */
final class VendorRequests {

  record NewVendor(String vendorId, VendorProfile profile, PayoutSchedule schedule,
      CommissionTerms terms) {}

  private VendorRequests() {}

  /** A vendor case: what it is about, and the payout discrepancy it names, if any. */
  record NewCase(payledger.dispute.CaseDetails details, String payoutDiscrepancyId) {}

  /**
   * {@code {category, description, amount?, payoutDiscrepancyId?, actor}}: a case by or for the
   * vendor (source {@code VENDOR}) about a missing or wrong payout ({@code PAYOUT_MISSING},
   * {@code PAYOUT_INCORRECT}).
   */
  static NewCase vendorCase(JsonNode body, HttpSettings limits) {
    JsonFields f = JsonFields.root(body);
    payledger.dispute.DisputeCategory category =
        f.enumValue("category", payledger.dispute.DisputeCategory.class);
    String description = f.text("description");
    payledger.money.Money amount = body.has("amount") ? f.money("amount", 1, limits.maxAmount()) : null;
    String payoutDiscrepancyId = f.optionalId("payoutDiscrepancyId");
    String actor = f.text("actor");
    if (category != null && !payledger.dispute.DisputeCategory.forVendors().contains(category)) {
      f.error("category", "a vendor case is PAYOUT_MISSING or PAYOUT_INCORRECT");
    }
    f.validate();
    return new NewCase(new payledger.dispute.CaseDetails(null, null, category, description, amount,
        payledger.dispute.CaseDetails.Source.VENDOR, null, null, null, actor), payoutDiscrepancyId);
  }

  /**
   * {@code {vendorId, name, email?, notificationChannels?, locale?, payoutSchedule?, commission?}}; the
   * commission's {@code effectiveFrom} defaults to now.
   */
  static NewVendor register(JsonNode body, Instant now, HttpSettings limits) {
    JsonFields f = JsonFields.root(body);
    String vendorId = f.id("vendorId");
    VendorProfile profile = profile(body, f);
    PayoutSchedule schedule = f.has("payoutSchedule")
        ? schedule(f.object("payoutSchedule"), f) : PayoutSchedule.DEFAULT;
    CommissionTerms terms = f.has("commission")
        ? terms(f.object("commission"), now, limits, f) : null;
    f.validate();
    return new NewVendor(vendorId, profile, schedule, terms);
  }

  /** {@code {name, email?, notificationChannels?, locale?}}: the whole profile, as at registration. */
  static VendorProfile profile(JsonNode body) {
    JsonFields f = JsonFields.root(body);
    VendorProfile profile = profile(body, f);
    f.validate();
    return profile;
  }

  private static VendorProfile profile(JsonNode body, JsonFields f) {
    String name = f.text("name");
    String email = f.has("email") ? f.email("email") : null;
    List<String> channels = channels(body.path("notificationChannels"), f);
    String locale = f.has("locale") ? f.text("locale") : null;
    if (locale != null && !VendorProfile.LOCALES.contains(locale)) {
      f.error("locale", "must be one of " + String.join(", ", VendorProfile.LOCALES));
    }
    return f.ok() ? new VendorProfile(name, email, channels, locale) : null; // the caller validates
  }

  /** {@code {basisPoints?, fixedPerLine?: {value, currency}, effectiveFrom?}}. */
  static CommissionTerms terms(JsonNode body, Instant now, HttpSettings limits) {
    JsonFields f = JsonFields.root(body);
    CommissionTerms terms = terms(f, now, limits, f);
    f.validate();
    return terms;
  }

  /** {@code {frequency: DAILY|WEEKLY, delayDays, weekday?}}. */
  static PayoutSchedule schedule(JsonNode body) {
    JsonFields f = JsonFields.root(body);
    PayoutSchedule schedule = schedule(f, f);
    f.validate();
    return schedule;
  }

  private static CommissionTerms terms(JsonFields c, Instant now, HttpSettings limits, JsonFields root) {
    long basisPoints = c.optionalInteger("basisPoints", 0, CommissionTerms.MAX_BASIS_POINTS, 0);
    var fixed = c.has("fixedPerLine") ? c.money("fixedPerLine", 0, limits.maxAmount()) : null;
    Instant from = c.has("effectiveFrom") ? c.instant("effectiveFrom") : now;
    if (!c.ok() || !root.ok()) {
      return null;
    }
    return new CommissionTerms(from, (int) basisPoints, fixed == null ? 0 : fixed.value(),
        fixed == null || fixed.value() == 0 ? null : fixed.currency());
  }

  private static PayoutSchedule schedule(JsonFields s, JsonFields root) {
    PayoutSchedule.Frequency frequency = s.enumValue("frequency", PayoutSchedule.Frequency.class);
    long delay = s.optionalInteger("delayDays", 0, PayoutSchedule.MAX_DELAY_DAYS,
        PayoutSchedule.DEFAULT.delayDays());
    DayOfWeek weekday = s.has("weekday") ? s.enumValue("weekday", DayOfWeek.class) : null;
    if (weekday != null && frequency == PayoutSchedule.Frequency.DAILY) {
      s.error("weekday", "is only for a WEEKLY schedule");
    }
    return !s.ok() || !root.ok() ? null : new PayoutSchedule(frequency, (int) delay, weekday);
  }

  /** The vendor's notification channels in order of preference: email, webhook. */
  private static List<String> channels(JsonNode value, JsonFields f) {
    if (value.isMissingNode() || value.isNull()) {
      return List.of();
    }
    List<String> channels = new ArrayList<>();
    boolean ok = value.isArray() && value.size() <= 2;
    for (JsonNode channel : ok ? value : List.<JsonNode>of()) {
      String name = channel.isTextual() ? channel.textValue() : null;
      if (name == null || Channel.parse(name).isEmpty() || name.equals("in_app")
          || channels.contains(name)) {
        ok = false;
        break;
      }
      channels.add(name);
    }
    if (!ok) {
      f.error("notificationChannels", "must be an array of distinct channels: email, webhook");
      return List.of();
    }
    return channels;
  }
}
