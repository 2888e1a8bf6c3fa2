package payledger.vendor;

import java.util.List;
import java.util.Objects;
import payledger.serialization.CborSerializable;

/**
 * Who a vendor is and how to reach them.
 *
 * @param notificationChannels in order of preference ("email", "webhook"); empty for email
 */
public record VendorProfile(String name, String email, List<String> notificationChannels)
    implements CborSerializable {

  public VendorProfile {
    Objects.requireNonNull(name, "name");
    notificationChannels = notificationChannels == null ? List.of() : List.copyOf(notificationChannels);
  }
}
