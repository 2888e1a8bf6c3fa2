package payledger.notify;

/**
 * How one delivery attempt ended. {@code FAILED} is worth retrying on the same channel (a
 * connection refused, an SMTP 4xx, an HTTP 5xx); {@code BOUNCED} is not (an SMTP 5xx, an invalid
 * address, an HTTP 4xx, a channel the customer cannot be reached on).
 */
public record Outcome(Result result, String detail) {

  public enum Result {
    SENT,
    FAILED,
    BOUNCED
  }

  public static Outcome sent() {
    return new Outcome(Result.SENT, null);
  }

  public static Outcome failed(String detail) {
    return new Outcome(Result.FAILED, detail);
  }

  public static Outcome bounced(String detail) {
    return new Outcome(Result.BOUNCED, detail);
  }
}
