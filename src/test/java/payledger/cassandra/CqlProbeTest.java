package payledger.cassandra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CqlProbeTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void nothingListeningIsQuicklyNotCassandra() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      port = socket.getLocalPort();
    }
    assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(1),
        () -> CqlProbe.answers(LOOPBACK.getHostAddress(), port, Duration.ofSeconds(5))));
  }

  @Test
  void silentServerIsNotCassandraAndDoesNotHang() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
      Thread acceptor = new Thread(() -> {
        try (Socket accepted = server.accept()) {
          accepted.getInputStream().readAllBytes(); // says nothing until the probe hangs up
        } catch (IOException ignored) {
          // the probe went away
        }
      });
      acceptor.start();
      assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(3), () -> CqlProbe.answers(
          LOOPBACK.getHostAddress(), server.getLocalPort(), Duration.ofMillis(300))));
      acceptor.join(1000);
    }
  }

  @Test
  void serverAnsweringOptionsWithSupportedIsCassandra() throws Exception {
    byte[] optionsV4 = {0x04, 0, 0, 0, 0x05, 0, 0, 0, 0};
    byte[] emptySupported = {(byte) 0x84, 0, 0, 0, 0x06, 0, 0, 0, 2, 0, 0};
    try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
      Thread fake = new Thread(() -> {
        try (Socket accepted = server.accept(); InputStream in = accepted.getInputStream()) {
          if (Arrays.equals(in.readNBytes(optionsV4.length), optionsV4)) {
            accepted.getOutputStream().write(emptySupported);
          }
        } catch (IOException ignored) {
          // the assertion below reports it
        }
      });
      fake.start();
      assertTrue(CqlProbe.answers(
          LOOPBACK.getHostAddress(), server.getLocalPort(), Duration.ofSeconds(3)));
      fake.join(1000);
    }
  }
}
