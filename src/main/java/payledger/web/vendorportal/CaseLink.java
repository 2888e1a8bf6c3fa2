package payledger.web.vendorportal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import payledger.dispute.DisputeIds;

/**
 * Where a vendor lands after signing in, when it came by a link to one of its cases (the case
 * mails carry {@code /vendors/portal/cases/{id}}): the sign-in link mailed to the vendor carries
 * that page as {@code next}, and its target leads there once the session is started. Only a case
 * page of this portal is ever a destination ({@link #of}), so {@code next} can neither lead off
 * the site nor elsewhere; and it signs in no one: the link's token alone names the vendor, and the
 * case page shows the case only when it is that vendor's (a 404 otherwise).
 */
final class CaseLink {

  private static final String PREFIX = VendorPortalRoutes.ROOT + "/cases/";

  /** The page of case {@code id}, if {@code id} is a case id at all. */
  static Optional<String> forCase(String id) {
    return DisputeIds.isValid(id) ? Optional.of(PREFIX + id) : Optional.empty();
  }

  /** {@code next} when it is a case page of this portal, and nothing else. */
  static Optional<String> of(String next) {
    if (next == null || !next.startsWith(PREFIX)) {
      return Optional.empty();
    }
    return forCase(next.substring(PREFIX.length()));
  }

  /** The sign-in link leading to {@code next} after signing in. */
  static String signIn(String link, String next) {
    return link + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
  }

  private CaseLink() {}
}
