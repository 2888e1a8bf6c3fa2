package payledger.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server answering Twilio's Messages API for tests ({@code POST
 * /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded, basic auth), recording every request it
 * accepted, with answers a test can script ahead ({@link #answerNext}) to make the provider fail,
 * refuse or report a failed message.
 */
public final class TwilioSink implements AutoCloseable {

  /** One accepted message: its form fields and the credentials it came with. */
  public record Message(String to, String from, String body, String user, String password) {}

  private record Scripted(int status, String json) {}

  private final HttpServer server;
  private final String accountSid;
  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Scripted> script = new ConcurrentLinkedQueue<>();
  private final List<Integer> answered = new CopyOnWriteArrayList<>();

  public TwilioSink(String accountSid) throws IOException {
    this.accountSid = accountSid;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/2010-04-01/Accounts/" + accountSid + "/Messages.json", this::handle);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next request is answered with {@code status} and {@code json} instead of being accepted. */
  public void answerNext(int status, String json) {
    script.add(new Scripted(status, json));
  }

  /** The messages accepted (201, queued), in order. */
  public List<Message> messages() {
    return List.copyOf(messages);
  }

  /** The status of every answer given, in order. */
  public List<Integer> answered() {
    return List.copyOf(answered);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form = new HashMap<>();
      for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      Scripted next = script.poll();
      if (next == null) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String[] credentials = auth == null || !auth.startsWith("Basic ") ? new String[] {"", ""}
            : new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8).split(":", 2);
        messages.add(new Message(form.get("To"), form.get("From"), form.get("Body"), credentials[0],
            credentials.length > 1 ? credentials[1] : ""));
        next = new Scripted(201, "{\"sid\":\"SM" + messages.size() + "\",\"account_sid\":\"" + accountSid
            + "\",\"status\":\"queued\",\"error_code\":null,\"error_message\":null}");
      }
      answered.add(next.status());
      byte[] body = next.json().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(next.status(), body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
