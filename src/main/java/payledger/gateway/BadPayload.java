package payledger.gateway;

/** A gateway message that is authentic but cannot be read; the HTTP edge answers 400 naming the field. */
public final class BadPayload extends RuntimeException {

  private final String field;

  BadPayload(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
