package payledger.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for requests an HTTP client would refuse to send (oversized or
 * broken headers, bytes trickled in slowly). One request per connection.
 */
public final class RawHttp implements AutoCloseable {

  /**
   * What came back: {@code status} is -1 when the server closed (or reset) the connection without
   * an answer; {@code elapsed} runs from the connect to the end of the answer or the close.
   */
  public record Answer(int status, Map<String, String> headers, String body, Duration elapsed) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean isProblem() {
      String type = header("Content-Type");
      return type != null && type.startsWith("application/problem+json");
    }

    public JsonNode json() {
      try {
        return ApiClient.JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  private final Socket socket;
  private final long started = System.nanoTime();

  public RawHttp(int port, Duration wait) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout((int) wait.toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a whole request and reads the answer (failing when none comes within {@code wait}). */
  public static Answer exchange(int port, String request, Duration wait) {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), wait);
  }

  public static Answer exchange(int port, byte[] request, Duration wait) {
    try (RawHttp http = new RawHttp(port, wait)) {
      http.write(request);
      return http.answer();
    }
  }

  /**
   * Writes bytes; false when the server has already closed the connection (after answering, a
   * server may close while the client is still sending).
   */
  public boolean write(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return true;
    } catch (SocketException closed) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when an answer (or the close) is waiting to be read. */
  public boolean answered() {
    try {
      return socket.getInputStream().available() > 0 || socket.isInputShutdown();
    } catch (IOException e) {
      return true;
    }
  }

  /** Reads one answer: until its Content-Length is complete, or the connection closes. */
  public Answer answer() {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      InputStream in = socket.getInputStream();
      while (true) {
        Answer complete = parse(received.toByteArray(), false);
        if (complete != null) {
          return complete;
        }
        int n;
        try {
          n = in.read(buffer);
        } catch (SocketException reset) {
          n = -1;
        }
        if (n < 0) {
          return parse(received.toByteArray(), true);
        }
        received.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer and no close within the wait; received so far: "
          + received.toString(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Answer parse(byte[] bytes, boolean closed) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    if (end < 0) {
      return closed ? new Answer(-1, Map.of(), text, elapsed) : null;
    }
    String[] lines = text.substring(0, end).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    String length = headers.get("content-length");
    if (!closed && length != null && body.getBytes(StandardCharsets.UTF_8).length < Integer.parseInt(length)) {
      return null;
    }
    return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body, elapsed);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket the server already closed
    }
  }
}
