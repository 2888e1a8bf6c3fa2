package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;

import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.json.JsonFields;
import payledger.notify.NotificationRepository;

/**
 * {@code GET /v1/customers/{customerId}/notifications?limit=}: a customer's notifications, newest
 * first, each with its delivery status; those delivered in-app carry their subject and body (the
 * in-app inbox). Read from the notifications table, never from the entities.
 */
final class CustomerNotifications {

  record Page(String customerId, List<NotificationRepository.CustomerNotification> notifications) {}

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;

  private CustomerNotifications() {}

  static Route list(NotificationRepository repository, String customerId, Optional<String> limit) {
    if (!JsonFields.ID.matcher(customerId).matches()) {
      return complete(Problems.response(Problem.invalid(List.of(
          new Problem.FieldError("customerId", "must be an id")))));
    }
    int n;
    try {
      n = limit.map(Integer::parseInt).orElse(DEFAULT_LIMIT);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > MAX_LIMIT) {
      return complete(Problems.response(Problem.invalid(List.of(
          new Problem.FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT)))));
    }
    if (repository == null) {
      return complete(Problems.unavailable());
    }
    return completeWithFuture(repository.forCustomer(customerId, n).handle((rows, failure) ->
        failure == null ? Json.response(200, new Page(customerId, rows)) : Problems.unavailable()));
  }
}
