package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.json.JsonFields;
import payledger.notify.NotificationKind;
import payledger.notify.NotificationRepository;
import payledger.notify.NotificationRepository.CustomerNotification;
import payledger.notify.Notifications;
import payledger.readmodel.PageToken;

/**
 * A customer's in-app inbox, read from the notifications table, never from the entities:
 * {@code GET /v1/customers/{customerId}/notifications?limit=&pageToken=}, newest first in cursor
 * pages, every entry with its subject and body (whatever channel it went out on), the order or
 * case it is about, its links (a receipt's HTML and PDF copies, signed when read) and whether it
 * was read; {@code POST /v1/customers/{customerId}/notifications/{id}/read} marks one read.
 */
final class CustomerNotifications {

  /** @param nextPageToken null on the last page */
  record Page(String customerId, List<Entry> notifications, String nextPageToken) {}

  /**
   * One entry as the inbox shows it.
   *
   * @param links by name: {@code receipt} (HTML) and {@code receiptPdf} for a receipt
   */
  record Entry(
      String notificationId,
      String kind,
      String orderId,
      String disputeId,
      String subjectId,
      Instant createdAt,
      String status,
      String channel,
      String subject,
      String body,
      boolean read,
      Instant readAt,
      Instant updatedAt,
      Map<String, String> links) {}

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;
  /** Notification ids are built from order ids and gateway event keys: longer than one id. */
  private static final Pattern NOTIFICATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,599}");

  private final Notifications.Api notify;
  private final Clock clock;

  CustomerNotifications(Notifications.Api notify, Clock clock) {
    this.notify = notify;
    this.clock = clock;
  }

  Route list(String customerId, Optional<String> limit, Optional<String> pageToken) {
    List<Problem.FieldError> errors = new java.util.ArrayList<>();
    if (!JsonFields.ID.matcher(customerId).matches()) {
      errors.add(new Problem.FieldError("customerId", "must be an id"));
    }
    int n;
    try {
      n = limit.map(Integer::parseInt).orElse(DEFAULT_LIMIT);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > MAX_LIMIT) {
      errors.add(new Problem.FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT));
    }
    PageToken after = null;
    if (pageToken.isPresent()) {
      try {
        after = PageToken.decode(pageToken.get());
        if (!after.segment().equals(customerId) || after.at() == null) {
          errors.add(new Problem.FieldError("pageToken", "is a token of another customer's notifications"));
        }
      } catch (PageToken.Invalid e) {
        errors.add(new Problem.FieldError("pageToken", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      return complete(Problems.response(Problem.invalid(errors)));
    }
    if (notify == null || notify.repository() == null) {
      return complete(Problems.unavailable());
    }
    return completeWithFuture(notify.repository().forCustomer(customerId, n, after).handle((page, failure) ->
        failure == null
            ? Json.response(200, new Page(customerId, page.entries().stream().map(this::entry).toList(),
                page.next() == null ? null : page.next().encode()))
            : Problems.unavailable()));
  }

  Route markRead(String customerId, String notificationId) {
    if (!JsonFields.ID.matcher(customerId).matches() || !NOTIFICATION_ID.matcher(notificationId).matches()) {
      return complete(Problems.response(Problem.invalid(List.of(new Problem.FieldError(
          JsonFields.ID.matcher(customerId).matches() ? "notificationId" : "customerId", "must be an id")))));
    }
    if (notify == null || notify.repository() == null) {
      return complete(Problems.unavailable());
    }
    return completeWithFuture(notify.repository().markRead(customerId, notificationId, clock.instant())
        .handle((found, failure) -> failure != null ? Problems.unavailable()
            : found.isEmpty() ? Problems.response(Problem.of(404, "not-found", "Not found",
                "customer " + customerId + " has no notification " + notificationId))
            : Json.response(200, entry(found.get()))));
  }

  private Entry entry(CustomerNotification n) {
    return new Entry(n.notificationId(), n.kind(), n.orderId(), n.disputeId(), n.subjectId(),
        n.createdAt(), n.status(), n.channel(), n.subject(), n.body(), n.readAt() != null,
        n.readAt(), n.updatedAt(), links(n));
  }

  /** A receipt's copies, signed now (a link stored with the entry would expire). */
  private Map<String, String> links(CustomerNotification n) {
    Map<String, String> links = new LinkedHashMap<>();
    if (NotificationKind.RECEIPT.name().equals(n.kind()) && n.orderId() != null) {
      String link = notify.links().link(n.orderId());
      links.put("receipt", link);
      links.put("receiptPdf", link + "?format=pdf");
    }
    return links;
  }
}
