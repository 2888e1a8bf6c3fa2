package payledger.settlement;

/**
 * A settlement file that cannot be read as its layout says: the line (1 is the header) and why.
 * Nothing of such a file is imported.
 */
public final class MalformedSettlement extends RuntimeException {

  private final long line;

  public MalformedSettlement(long line, String reason) {
    super("line " + line + ": " + reason);
    this.line = line;
  }

  /** The physical line of the file, counted from 1 (the header). */
  public long line() {
    return line;
  }

  /** The reason alone, without the line number. */
  public String reason() {
    String message = getMessage();
    return message.substring(message.indexOf(": ") + 2);
  }
}
