package payledger.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where a customer notification can go. */
public enum Channel {
  EMAIL,
  WEBHOOK,
  IN_APP,
  /** A short text to the customer's phone (opt-in per order), see {@link SmsSender}. */
  SMS;

  /** "email", "in_app", "sms" (as the API spells them) to a channel, or empty for anything else. */
  public static Optional<Channel> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }

  /**
   * The customer's channels in order of preference: email first by default. The in-app inbox is
   * always last when the customer did not name it: it cannot fail, so a notification is never
   * lost when every other channel does.
   */
  public static List<Channel> preferences(List<String> named) {
    List<Channel> channels = new ArrayList<>();
    for (String name : named == null ? List.<String>of() : named) {
      parse(name).filter(c -> !channels.contains(c)).ifPresent(channels::add);
    }
    if (channels.isEmpty()) {
      channels.add(EMAIL);
    }
    if (!channels.contains(IN_APP)) {
      channels.add(IN_APP);
    }
    return List.copyOf(channels);
  }
}
