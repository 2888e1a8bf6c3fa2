package payledger.settlement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180: comma separated, fields in double quotes may hold commas, quotes
 * doubled, line breaks) one at a time from a stream, never the whole file, with the physical line
 * each record starts on. A byte order mark before the header is skipped; blank lines are skipped.
 * Text that is not UTF-8 is malformed on its own line: read through a decoder that replaces such
 * bytes, a line holding U+FFFD is refused (a decoder that reports them fails on the chunk it was
 * decoding, lines later than the byte, and is answered with the record's line).
 */
final class CsvRecords implements AutoCloseable {

  private final BufferedReader in;
  private long nextLine = 1;
  private long recordLine;

  CsvRecords(Reader reader) {
    this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
  }

  /** The line the record last returned by {@link #next()} started on. */
  long line() {
    return recordLine;
  }

  /** The next record's fields, or null at the end of the stream. */
  List<String> next() {
    try {
      String text;
      do {
        recordLine = nextLine;
        text = readLine(nextLine++);
        if (text == null) {
          return null;
        }
        if (recordLine == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
          text = text.substring(1);
        }
      } while (text.isBlank());
      return fields(text);
    } catch (CharacterCodingException e) {
      throw new MalformedSettlement(nextLine, "is not UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String readLine(long line) throws IOException {
    String text = in.readLine();
    if (text != null && text.indexOf('\uFFFD') >= 0) {
      throw new MalformedSettlement(line, "is not UTF-8 text");
    }
    return text;
  }

  private List<String> fields(String first) throws IOException {
    List<String> fields = new ArrayList<>(32);
    StringBuilder field = new StringBuilder();
    String text = first;
    int i = 0;
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (i == text.length()) {
        if (!quoted) {
          fields.add(field.toString());
          return fields;
        }
        String more = readLine(nextLine++);
        if (more == null) {
          throw new MalformedSettlement(recordLine, "a quoted field is not closed");
        }
        field.append('\n');
        text = more;
        i = 0;
        continue;
      }
      char c = text.charAt(i++);
      if (quoted) {
        if (c != '"') {
          field.append(c);
        } else if (i < text.length() && text.charAt(i) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = false;
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '"' && field.isEmpty() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == '"' || wasQuoted) {
        throw new MalformedSettlement(recordLine, "a quote inside an unquoted field, or text after a closing quote");
      } else {
        field.append(c);
      }
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
