package payledger.web.portal;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payledger.notify.Channel;
import payledger.notify.Notification;
import payledger.notify.NotificationKind;
import payledger.order.Invoice;
import payledger.web.CustomerEmails;
import payledger.web.Html;
import payledger.web.Sessions;

/**
 * Asking for access: an email address in, a magic link out — through the customer's own
 * notification channels (email or the signed webhook; the in-app inbox cannot sign anybody in),
 * queued in the notification outbox like any other message, so the delivery worker sends, retries
 * and records it. The answer is the same page whether the address is known or not, and it does not
 * wait for the lookup's result to differ in time: the lookup and sending run after the answer.
 */
final class AccessPage {

  private static final Logger log = LoggerFactory.getLogger(AccessPage.class);

  private final Portal portal;
  private final boolean secure;

  AccessPage(Portal portal, boolean secure) {
    this.portal = portal;
    this.secure = secure;
  }

  Route form(String lang, String message, int status) {
    return Html.preSessionToken(secure, token -> {
      Map<String, Object> m = new HashMap<>();
      m.put("title", portal.pages().text(lang, "access_title"));
      m.put("portal", true);
      m.put("csrf", token);
      m.put("message", message);
      return complete(Html.page(status, portal.pages().render("portal/access.mustache", lang, m)));
    });
  }

  Route ask(String lang, Map<String, String> fields) {
    String email = fields.getOrDefault("email", "").strip();
    if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+")) {
      return form(lang, portal.pages().text(lang, "access_invalid"), 400);
    }
    send(email, lang).whenComplete((done, failure) -> {
      if (failure != null) {
        log.warn("Portal access link not queued: {}", failure.getMessage());
      }
    });
    return form(lang, portal.pages().text(lang, "access_sent"), 200);
  }

  /** A link for each customer of the address, by their channels, in their invoice's language. */
  private CompletionStage<Void> send(String email, String lang) {
    return portal.emails().lookup(email).thenCompose(known -> {
      CompletionStage<Void> all = CompletableFuture.completedFuture(null);
      for (CustomerEmails.Known k : known) {
        all = all.thenCompose(v -> portal.readSide().get().store().orderView(k.orderId()))
            .thenCompose(view -> {
              Optional<Invoice> invoice = view.map(s -> s.state().facts().invoice());
              if (invoice.isEmpty()) {
                return CompletableFuture.completedFuture(null);
              }
              Notification n = notification(k, invoice.get(), lang);
              return portal.notifications().repository().keepPending(List.of(n), portal.clock().instant())
                  .thenApply(done -> null);
            });
      }
      return all;
    });
  }

  private Notification notification(CustomerEmails.Known k, Invoice invoice, String lang) {
    List<Channel> channels = new ArrayList<>(Channel.preferences(invoice.notificationChannels()));
    channels.remove(Channel.IN_APP);
    if (channels.isEmpty()) {
      channels.add(Channel.EMAIL);
    }
    String locale = invoice.locale() != null ? invoice.locale() : lang;
    String validFor = portal.links().validFor().toMinutes() + " min";
    return new Notification("portal-access:" + k.customerId() + ":" + Sessions.token().substring(0, 12),
        NotificationKind.PORTAL_ACCESS, k.orderId(), null, null, k.customerId(),
        invoice.customerEmail(), locale, channels,
        Map.of("link", portal.links().link(k.customerId()), "validFor", validFor), null,
        portal.clock().instant());
  }

  /** The link's target: a session for its customer, then the portal without the token in the URL. */
  Route enter(String lang) {
    return parameterOptional("token", token -> {
      Optional<String> customer = portal.links().redeem(token.orElse(null));
      if (customer.isEmpty()) {
        return form(lang, portal.pages().text(lang, "access_expired"), 401);
      }
      return portal.gate().start(new Sessions.Principal.Customer(customer.get()),
          session -> complete(Html.seeOther("/portal")));
    });
  }
}
