package payledger.cassandra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Asks a server whether it speaks CQL. A bare TCP connect is not enough: the port opens before
 * Cassandra serves requests, and a connection that sends nothing makes Cassandra log a protocol
 * warning.
 */
final class CqlProbe {

  /** Native protocol v4 frame header: request version 4, no flags, stream 0, OPTIONS, no body. */
  private static final byte[] OPTIONS_V4 = {0x04, 0, 0, 0, 0x05, 0, 0, 0, 0};

  private static final int RESPONSE_V4 = 0x84;
  private static final int OPCODE_SUPPORTED = 0x06;
  private static final int HEADER_LENGTH = 9;

  private CqlProbe() {}

  /** True if host:port answers an OPTIONS request with SUPPORTED within the timeout. */
  static boolean answers(String host, int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), millisUntil(deadline));
      socket.setSoTimeout(millisUntil(deadline));
      socket.getOutputStream().write(OPTIONS_V4);
      byte[] header = socket.getInputStream().readNBytes(HEADER_LENGTH);
      return header.length == HEADER_LENGTH
          && (header[0] & 0xff) == RESPONSE_V4
          && header[4] == OPCODE_SUPPORTED;
    } catch (IOException e) {
      return false;
    }
  }

  /** At least 1: for both connect and read, a timeout of 0 means wait forever. */
  private static int millisUntil(long deadline) {
    long millis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
  }
}
