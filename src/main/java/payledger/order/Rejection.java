package payledger.order;

/**
 * Why an entity refused a command, carried in a {@link org.apache.pekko.pattern.StatusReply} error
 * message as {@code KIND: detail} so it crosses nodes as a plain string and the HTTP edge can still
 * pick the status (404 for NOT_FOUND, 409 for CONFLICT).
 */
public enum Rejection {
  NOT_FOUND,
  CONFLICT;

  public String message(String detail) {
    return name() + ": " + detail;
  }

  /** The kind of an error message written by {@link #message}, CONFLICT for any other text. */
  public static Rejection kindOf(String message) {
    return message != null && message.startsWith(NOT_FOUND.name() + ": ") ? NOT_FOUND : CONFLICT;
  }

  public static String detailOf(String message) {
    int colon = message == null ? -1 : message.indexOf(": ");
    return colon < 0 ? String.valueOf(message) : message.substring(colon + 2);
  }
}
