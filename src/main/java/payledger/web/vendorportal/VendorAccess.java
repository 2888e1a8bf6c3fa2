package payledger.web.vendorportal;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.json.JsonFields;
import payledger.notify.Channel;
import payledger.notify.Notification;
import payledger.notify.NotificationKind;
import payledger.vendor.VendorProfile;
import payledger.web.Html;
import payledger.web.Sessions;

/**
 * Asking for access: a vendor id and an email address in; when the address is the vendor's
 * registered contact email, a magic link out to that address, queued in the notification outbox
 * like any other message (the delivery worker sends, retries and records it). The answer is the
 * same page whether the pair is known or not, and it does not wait for the lookup: the lookup and
 * sending run after the answer.
 */
final class VendorAccess {

  private static final Logger log = LoggerFactory.getLogger(VendorAccess.class);

  private final VendorPortal portal;
  private final boolean secure;

  VendorAccess(VendorPortal portal, boolean secure) {
    this.portal = portal;
    this.secure = secure;
  }

  Route form(String lang, String message, int status) {
    return form(lang, message, status, null);
  }

  /** The form; with {@code next} (a {@link CaseLink}), the link it sends leads to that case. */
  Route form(String lang, String message, int status, String next) {
    return Html.preSessionToken(secure, token -> {
      Map<String, Object> m = new HashMap<>();
      m.put("title", portal.pages().text(lang, "vp_access_title"));
      m.put("vendor", true);
      m.put("csrf", token);
      m.put("message", message);
      m.put("next", next);
      return complete(Html.page(status, portal.pages().render("vendorportal/access.mustache", lang, m)));
    });
  }

  Route ask(String lang, Map<String, String> fields) {
    String vendorId = fields.getOrDefault("vendorId", "").strip();
    String email = fields.getOrDefault("email", "").strip();
    if (!matches(vendorId, email)) {
      return form(lang, portal.pages().text(lang, "vp_access_invalid"), 400);
    }
    Optional<String> next = CaseLink.of(fields.get("next"));
    send(vendorId, email, lang, next).whenComplete((done, failure) -> {
      if (failure != null) {
        log.debug("Vendor portal link not queued: {}", failure.getMessage());
      }
    });
    return form(lang, portal.pages().text(lang, "vp_access_sent"), 200, next.orElse(null));
  }

  /** Whether the form's values could name a vendor and an address at all. */
  static boolean matches(String vendorId, String email) {
    return JsonFields.ID.matcher(vendorId).matches() && email.length() <= 254
        && email.matches("[^@\\s]+@[^@\\s]+");
  }

  /** Whether {@code typed} is the vendor's registered contact email (case and spaces aside). */
  static boolean isContact(VendorProfile profile, String typed) {
    return profile != null && profile.email() != null
        && profile.email().strip().toLowerCase(Locale.ROOT).equals(typed.strip().toLowerCase(Locale.ROOT));
  }

  private CompletionStage<Void> send(String vendorId, String email, String lang,
      Optional<String> next) {
    return portal.vendors().get(vendorId).thenCompose(view -> {
      VendorProfile profile = view.vendor().profile();
      if (!isContact(profile, email)) {
        return CompletableFuture.completedFuture(null);
      }
      return portal.notifications().repository()
          .keepPending(List.of(notification(vendorId, profile, lang, next)),
              portal.clock().instant())
          .thenApply(done -> null);
    });
  }

  /** To the registered address (never the one typed), under the vendor's recipient key. */
  private Notification notification(String vendorId, VendorProfile profile, String lang,
      Optional<String> next) {
    String link = portal.links().link(vendorId);
    String validFor = portal.links().validFor().toMinutes() + " min";
    String recipient = "vendor:" + vendorId;
    return new Notification(
        "vendor-portal-access:" + vendorId + ":" + Sessions.token().substring(0, 12),
        NotificationKind.VENDOR_PORTAL_ACCESS, null, null, null, recipient, profile.email(), lang,
        List.of(Channel.EMAIL), Map.of("link", next.map(n -> CaseLink.signIn(link, n)).orElse(link), "validFor", validFor),
        null, portal.clock().instant());
  }

  /**
   * The link's target: a session for its vendor, then the portal without the token in the URL (at
   * the case the link was asked for from, if any; an expired link's form keeps it).
   */
  Route enter(String lang) {
    return parameterOptional("token", token -> parameterOptional("next", asked -> {
      Optional<String> next = CaseLink.of(asked.orElse(null));
      Optional<String> vendor = portal.links().redeem(token.orElse(null));
      if (vendor.isEmpty()) {
        return form(lang, portal.pages().text(lang, "access_expired"), 401, next.orElse(null));
      }
      return portal.gate().start(new Sessions.Principal.Vendor(vendor.get()),
          session -> complete(Html.seeOther(next.orElse(VendorPortalRoutes.ROOT))));
    }));
  }
}
