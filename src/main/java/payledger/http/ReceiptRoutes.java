package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.json.JsonFields;
import payledger.notify.Channel;
import payledger.notify.Notifications;
import payledger.order.OrderClient;
import payledger.order.Receipt;

/**
 * {@code GET /v1/orders/{orderId}/receipt} (JSON, or HTML / PDF by {@code Accept}),
 * {@code POST /v1/orders/{orderId}/receipt/resend}, the customer's self-service link
 * {@code GET /v1/receipts/{token}} (no API key: the signed token opens that one receipt until it
 * expires; rate-limited per client) and the customer's inbox ({@link CustomerNotifications}).
 */
final class ReceiptRoutes {

  private static final Set<Role> READ = EnumSet.of(Role.SUPPORT, Role.AUDITOR);
  private static final Set<Role> RESEND = EnumSet.of(Role.SUPPORT);
  private static final Set<Role> NOTIFICATIONS = EnumSet.of(Role.SUPPORT);

  enum Format { JSON, HTML, PDF }

  private final OrderClient orders;
  private final Auth auth;
  private final Notifications.Api notify;
  private final RateLimits limits;
  private final CustomerNotifications inbox;

  ReceiptRoutes(OrderClient orders, Auth auth, Notifications.Api notify, RateLimits limits, Clock clock) {
    this.orders = orders;
    this.auth = auth;
    this.notify = notify;
    this.limits = limits;
    this.inbox = new CustomerNotifications(notify, clock);
  }

  Route route() {
    return concat(
        pathPrefix("orders", () -> pathPrefix(segment(), orderId -> pathPrefix("receipt", () -> concat(
            pathEnd(() -> get(() -> auth.require(READ, () -> receipt(orderId)))),
            path("resend", () -> post(() -> auth.require(RESEND,
                () -> Json.body(body -> resend(orderId, body))))))))),
        path(segment("receipts").slash(segment()), token -> get(() ->
            limits.receiptLinks(() -> parameterOptional("format", format -> selfService(token, format))))),
        pathPrefix(segment("customers").slash(segment()).slash("notifications"), customerId -> concat(
            pathEnd(() -> get(() -> auth.require(NOTIFICATIONS, () -> parameterOptional("limit",
                limit -> parameterOptional("pageToken", token -> inbox.list(customerId, limit, token)))))),
            path(segment().slash("read"), notificationId -> post(() -> auth.require(NOTIFICATIONS,
                () -> inbox.markRead(customerId, notificationId)))))));
  }

  /**
   * The customer's copy: {@code ?format=pdf} (or {@code html}, {@code json}) for a link that
   * downloads, as a browser's own Accept header always asks for HTML first.
   */
  private Route selfService(String token, Optional<String> format) {
    Optional<String> orderId = notify.links().verify(token);
    if (orderId.isEmpty()) {
      return complete(Problems.response(Problem.of(404, "not-found", "Not found",
          "this receipt link is not valid or has expired; ask the merchant for a new one")));
    }
    if (format.isPresent()) {
      Optional<Format> asked = parseFormat(format.get());
      if (asked.isEmpty()) {
        return complete(Problems.response(Problem.invalid(
            java.util.List.of(new Problem.FieldError("format", "must be pdf, html or json")))));
      }
      return receipt(orderId.get(), asked);
    }
    return receipt(orderId.get(), Optional.empty());
  }

  private Route receipt(String orderId) {
    return receipt(orderId, Optional.empty());
  }

  /** {@code chosen}: the format named in the query, which wins over the Accept header. */
  private Route receipt(String orderId, Optional<Format> chosen) {
    return OrderRoutes.withOrderId(orderId, () -> optionalHeaderValueByName("Accept", accept -> {
      Optional<Format> format = chosen.isPresent() ? chosen : negotiate(accept.orElse("*/*"));
      if (format.isEmpty()) {
        return complete(Problems.response(Problem.of(406, "not-acceptable", "Not acceptable",
            "a receipt is application/json, text/html or application/pdf")));
      }
      return completeWithFuture(Problems.reply(orders.get(orderId), summary -> {
        Receipt receipt = summary.state().comms().receipt();
        if (receipt == null) {
          return Problems.response(Problem.of(404, "not-found", "Not found",
              "order " + orderId + " has no receipt yet: it is not fully paid"));
        }
        if (summary.state().comms().receiptWithheld()) {
          return Problems.response(Problem.of(409, "conflict", "Conflict",
              "the receipt of order " + orderId + " is withheld: it does not add up ("
                  + String.join("; ", summary.state().comms().receiptMismatches()) + ")"));
        }
        return render(receipt, format.get());
      }));
    }));
  }

  private HttpResponse render(Receipt receipt, Format format) {
    return switch (format) {
      case JSON -> Json.response(200, ReceiptResponse.from(receipt, notify.messages().merchant()));
      case HTML -> HttpResponse.create().withEntity(HttpEntities.create(
          ContentTypes.TEXT_HTML_UTF8, notify.messages().receiptHtml(receipt)));
      case PDF -> HttpResponse.create()
          .withEntity(HttpEntities.create(ContentTypes.create(MediaTypes.APPLICATION_PDF),
              notify.messages().receiptPdf(receipt)))
          .addHeader(RawHeader.create("Content-Disposition",
              "inline; filename=\"" + receipt.number() + ".pdf\""));
    };
  }

  static Optional<Format> parseFormat(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "pdf" -> Optional.of(Format.PDF);
      case "html" -> Optional.of(Format.HTML);
      case "json" -> Optional.of(Format.JSON);
      default -> Optional.empty();
    };
  }

  /** The first acceptable of JSON, HTML and PDF, in the client's order (q=0 excluded). */
  static Optional<Format> negotiate(String accept) {
    for (String range : accept.split(",")) {
      String[] parts = range.trim().toLowerCase(Locale.ROOT).split(";");
      boolean refused = false;
      for (int i = 1; i < parts.length; i++) {
        refused |= parts[i].trim().matches("q\\s*=\\s*0(\\.0*)?");
      }
      if (refused) {
        continue;
      }
      switch (parts[0].trim()) {
        case "application/json", "application/*", "*/*", "*" -> {
          return Optional.of(Format.JSON);
        }
        case "text/html", "text/*" -> {
          return Optional.of(Format.HTML);
        }
        case "application/pdf" -> {
          return Optional.of(Format.PDF);
        }
        default -> { }
      }
    }
    return Optional.empty();
  }

  private Route resend(String orderId, com.fasterxml.jackson.databind.JsonNode body) {
    JsonFields f = JsonFields.root(body);
    String channel = f.optionalText("channel");
    String actor = f.text("actor");
    if (channel != null && Channel.parse(channel).isEmpty()) {
      f.error("channel", "must be one of email, webhook, in_app, sms");
    }
    f.validate();
    String normalized = channel == null ? null : Channel.parse(channel).get().name();
    return mapResponse(response -> response.status().intValue() == 201
            ? response.withStatus(202) : response,
        () -> OrderRoutes.answer(orderId, () -> orders.resendReceipt(orderId, normalized, actor)));
  }
}
