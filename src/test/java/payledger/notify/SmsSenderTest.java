package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import payledger.testing.TwilioSink;

/**
 * The SMS channel against real HTTP servers speaking Twilio's Messages API: the test sink (scripted
 * answers) for the outcomes, and the embedded default's sink for the round trip.
 */
class SmsSenderTest {

  private static final String SID = "ACtest0000000000000000000000000000";
  private static final String TOKEN = "test-token";
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private final TwilioSink twilio = newSink();

  @AfterEach
  void stop() {
    twilio.close();
  }

  private static TwilioSink newSink() {
    try {
      return new TwilioSink(SID);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SmsSender sender(String baseUrl) {
    return new SmsSender(new SmsSender.Settings(baseUrl, SID, TOKEN, "+15005550006", Duration.ofSeconds(5)));
  }

  private static Notification notification(String phone) {
    return new Notification("receipt:order-1", NotificationKind.RECEIPT, "order-1", null, "R-order-1",
        "cust-1", "ada@example.com", "de", List.of(Channel.SMS, Channel.IN_APP), Map.of(), null, T0, phone);
  }

  private static Messages.Rendered message(String sms) {
    return new Messages.Rendered("Subject", "text", "<p>html</p>", "Example Marketplace", "support@example.com", sms);
  }

  private Outcome send(String phone, String sms) {
    return sender(twilio.baseUrl()).send(notification(phone), message(sms)).toCompletableFuture().join();
  }

  @Test
  void aMessageIsPostedAsTwilioExpectsIt() {
    assertEquals(Outcome.sent(), send("+4915112345678", "Example Marketplace: Quittung R-1, 30,90 € bezahlt & mehr"));
    TwilioSink.Message m = twilio.messages().get(0);
    assertEquals("+4915112345678", m.to());
    assertEquals("+15005550006", m.from());
    assertEquals("Example Marketplace: Quittung R-1, 30,90 € bezahlt & mehr", m.body(), "form-encoded UTF-8");
    assertEquals(SID, m.user());
    assertEquals(TOKEN, m.password());
  }

  @Test
  void anInvalidNumberOrARefusedAccountBouncesToTheNextChannel() {
    twilio.answerNext(400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}");
    Outcome invalid = send("+4915112345678", "text");
    assertEquals(Outcome.Result.BOUNCED, invalid.result());
    assertTrue(invalid.detail().contains("21211"), invalid.detail());
    twilio.answerNext(201, "{\"sid\":\"SM1\",\"status\":\"failed\",\"error_code\":30006,\"error_message\":\"Landline\"}");
    Outcome failedMessage = send("+4915112345678", "text");
    assertEquals(Outcome.Result.BOUNCED, failedMessage.result());
    assertTrue(failedMessage.detail().contains("30006"), failedMessage.detail());
  }

  @Test
  void anOutageOrAThrottleIsRetried() {
    twilio.answerNext(503, "{\"code\":20500,\"message\":\"Service unavailable\"}");
    assertEquals(Outcome.Result.FAILED, send("+4915112345678", "text").result());
    twilio.answerNext(429, "{\"code\":20429,\"message\":\"Too Many Requests\"}");
    assertEquals(Outcome.Result.FAILED, send("+4915112345678", "text").result());
    Outcome unreachable = sender("http://127.0.0.1:" + freePort())
        .send(notification("+4915112345678"), message("text")).toCompletableFuture().join();
    assertEquals(Outcome.Result.FAILED, unreachable.result());
    assertTrue(twilio.messages().isEmpty());
  }

  @Test
  void withoutANumberOrATextTheChannelBouncesWithoutAsking() {
    assertEquals(Outcome.Result.BOUNCED, send(null, "text").result());
    assertEquals(Outcome.Result.BOUNCED, send("+4915112345678", null).result());
    assertEquals(Outcome.Result.BOUNCED, sender("").send(notification("+4915112345678"), message("text"))
        .toCompletableFuture().join().result(), "no provider configured");
    assertTrue(twilio.answered().isEmpty(), "nothing was posted");
  }

  @Test
  void theEmbeddedSinkAnswersAsTwilioAndListsWhatItReceived() throws Exception {
    int port = freePort();
    try (SmsSink sink = SmsSink.start("127.0.0.1", port, SID, TOKEN, Clock.systemUTC())) {
      assertNotNull(sink);
      String base = "http://127.0.0.1:" + port;
      assertEquals(Outcome.sent(), sender(base).send(notification("+48601234567"), message("Zapłacono 147,11 zł"))
          .toCompletableFuture().join());
      assertEquals(List.of(new SmsSink.Received(sink.received().get(0).sid(), "+48601234567", "+15005550006",
          "Zapłacono 147,11 zł", sink.received().get(0).createdAt())), sink.received());
      assertTrue(sink.received().get(0).sid().matches("SM[0-9a-f]{32}"));

      Outcome invalid = sender(base).send(notification("0601234567"), message("text")).toCompletableFuture().join();
      assertEquals(Outcome.Result.BOUNCED, invalid.result());
      assertTrue(invalid.detail().contains("21211"), invalid.detail());
      Outcome wrongToken = new SmsSender(new SmsSender.Settings(base, SID, "other", "+1500", Duration.ofSeconds(5)))
          .send(notification("+48601234567"), message("text")).toCompletableFuture().join();
      assertEquals(Outcome.Result.BOUNCED, wrongToken.result());
      assertTrue(wrongToken.detail().contains("401"), wrongToken.detail());
      assertEquals(1, sink.received().size());

      var list = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(base + SmsSender.messagesPath(SID)))
          .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes()))
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, list.statusCode());
      assertTrue(list.body().contains("\"to\":\"+48601234567\"") && list.body().contains("\"status\":\"queued\""), list.body());
      assertNull(SmsSink.start("127.0.0.1", port, SID, TOKEN, Clock.systemUTC()), "the port is taken: the one there is used");
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
