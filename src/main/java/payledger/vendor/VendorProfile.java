package payledger.vendor;

import java.util.List;
import java.util.Objects;
import payledger.serialization.CborSerializable;

/**
 * Who a vendor is and how to reach them.
 *
 * @param notificationChannels in order of preference ("email", "webhook"); empty for email
 * @param locale the language of its notices, case mails and statement PDF: one of
 *     {@link #LOCALES}, or null for English. Added after the first vendors were journaled: a
 *     profile stored without it reads back with null, and its canonical form (nulls omitted) and
 *     hash are unchanged.
 */
public record VendorProfile(String name, String email, List<String> notificationChannels, String locale)
    implements CborSerializable {

  /** The languages vendors are written to in. */
  public static final List<String> LOCALES = List.of("en", "de", "pl");

  /** A profile in the default language (English). */
  public VendorProfile(String name, String email, List<String> notificationChannels) {
    this(name, email, notificationChannels, null);
  }

  public VendorProfile {
    Objects.requireNonNull(name, "name");
    notificationChannels = notificationChannels == null ? List.of() : List.copyOf(notificationChannels);
    if (locale != null && !LOCALES.contains(locale)) {
      throw new IllegalArgumentException("locale must be one of " + LOCALES);
    }
  }

  /** The vendor's language: its own, else English. */
  public String language() {
    return locale == null ? LOCALES.get(0) : locale;
  }
}
