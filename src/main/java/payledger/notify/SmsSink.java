package payledger.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.order.Invoice;

/**
 * The local SMS sink of the embedded default ({@code payledger.notify.sms.embedded.enabled}, off in
 * production), as {@link EmbeddedSmtp} is for mail: a real HTTP server on loopback that answers
 * Twilio's Messages API as Twilio does — {@code POST /2010-04-01/Accounts/{sid}/Messages.json} with
 * basic auth and a form, 201 and the message as JSON (status {@code queued}), 400 with Twilio's
 * error 21211 for a number that is not E.164, 401 (20003) for other credentials — and lists what it
 * received, newest first, on {@code GET} of the same path, where a demo reads a customer's texts.
 * When the port is taken (another node on the machine runs one) the node uses that one.
 */
public final class SmsSink implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SmsSink.class);
  private static final Pattern PATH = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");

  /** One message as received. */
  public record Received(String sid, String to, String from, String body, String createdAt) {}

  private final HttpServer server;
  private final String accountSid;
  private final String authToken;
  private final Clock clock;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private SmsSink(HttpServer server, String accountSid, String authToken, Clock clock) {
    this.server = server;
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.clock = clock;
  }

  /** Starts it on {@code host:port}, or returns null when the port is taken. */
  public static SmsSink start(String host, int port, String accountSid, String authToken, Clock clock) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException taken) {
      log.warn("Embedded SMS sink not started on {}:{} ({}); using the one already there", host, port,
          taken.getMessage());
      return null;
    }
    SmsSink sink = new SmsSink(server, accountSid, authToken, clock);
    server.createContext("/2010-04-01/Accounts/", sink::handle);
    server.start();
    log.info("Embedded SMS sink (Twilio's Messages API) on http://{}:{}; read the texts with GET {}",
        host, port, SmsSender.messagesPath(accountSid));
    return sink;
  }

  /** The embedded default's sink, when configured: stops with the node. */
  public static void startEmbedded(org.apache.pekko.actor.typed.ActorSystem<?> system,
      NotificationSettings notify) {
    if (notify.embeddedSms() != null) {
      SmsSink sink = start(notify.embeddedSms().host(), notify.embeddedSms().port(),
          notify.sms().accountSid(), notify.sms().authToken(), Clock.systemUTC());
      if (sink != null) {
        system.getWhenTerminated().thenRun(sink::close);
      }
    }
  }

  /** What it received, oldest first. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var path = PATH.matcher(exchange.getRequestURI().getPath());
      if (!path.matches()) {
        answer(exchange, 404, error(20404, "The requested resource was not found", 404));
        return;
      }
      if (!authorized(exchange, path.group(1))) {
        answer(exchange, 401, error(20003, "Authenticate", 401));
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "POST" -> create(exchange);
        case "GET" -> list(exchange);
        default -> answer(exchange, 405, error(20004, "Method not allowed", 405));
      }
    }
  }

  private boolean authorized(HttpExchange exchange, String sid) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    String expected = "Basic " + Base64.getEncoder().encodeToString(
        (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    return sid.equals(accountSid) && expected.equals(header);
  }

  private void create(HttpExchange exchange) throws IOException {
    Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String to = form.getOrDefault("To", "");
    String body = form.getOrDefault("Body", "");
    if (!Invoice.PHONE.matcher(to).matches()) {
      answer(exchange, 400, error(21211, "The 'To' number " + to + " is not a valid phone number.", 400));
      return;
    }
    if (body.isEmpty() || body.length() > SmsSender.MAX_BODY) {
      answer(exchange, 400, error(21617, "The concatenated message body exceeds the 1600 character limit.", 400));
      return;
    }
    byte[] id = new byte[16];
    new java.security.SecureRandom().nextBytes(id);
    Received message = new Received("SM" + HexFormat.of().formatHex(id), to,
        form.getOrDefault("From", ""), body, clock.instant().toString());
    received.add(message);
    log.info("SMS to {}: {}", to, body);
    answer(exchange, 201, json(message));
  }

  private void list(HttpExchange exchange) throws IOException {
    ObjectNode page = CassandraNotificationRepository.JSON.createObjectNode();
    ArrayNode messages = page.putArray("messages");
    List<Received> newestFirst = new ArrayList<>(received);
    java.util.Collections.reverse(newestFirst);
    newestFirst.forEach(m -> messages.add(json(m)));
    answer(exchange, 200, page);
  }

  private ObjectNode json(Received m) {
    ObjectNode json = CassandraNotificationRepository.JSON.createObjectNode();
    json.put("sid", m.sid());
    json.put("account_sid", accountSid);
    json.put("to", m.to());
    json.put("from", m.from());
    json.put("body", m.body());
    json.put("status", "queued");
    json.put("num_segments", String.valueOf(Math.max(1, (m.body().length() + 152) / 153)));
    json.put("date_created", m.createdAt());
    json.putNull("error_code");
    json.putNull("error_message");
    json.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + m.sid() + ".json");
    return json;
  }

  private static ObjectNode error(int code, String message, int status) {
    ObjectNode json = CassandraNotificationRepository.JSON.createObjectNode();
    json.put("code", code);
    json.put("message", message);
    json.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    json.put("status", status);
    return json;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void answer(HttpExchange exchange, int status, ObjectNode json) throws IOException {
    byte[] bytes = CassandraNotificationRepository.JSON.writeValueAsBytes(json);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
