package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;

/**
 * Reads every request body in full, within a deadline, before any route sees it. Pekko's
 * request-timeout starts only once a body is in, so without this a client sending a byte every few
 * seconds would hold its connection for as long as it liked. Past the deadline: 408, and the
 * connection closes (the rest of the body is never read). A body whose declared length is over
 * the limit is refused (413) before a byte of it is read: a client that asked {@code Expect:
 * 100-continue} (curl does for large bodies) then never sends it, and gets the answer rather than a
 * connection reset.
 */
final class BodyDeadline {

  private BodyDeadline() {}

  static Route within(Duration deadline, long maxBytes, Supplier<Route> inner) {
    return extractRequestEntity(entity -> {
      if (entity.getContentLengthOption().orElse(0L) > maxBytes) {
        return complete(tooLarge(maxBytes));
      }
      if (entity.isKnownEmpty() || entity instanceof HttpEntity.Strict) {
        return inner.get();
      }
      return extractMaterializer(materializer -> onComplete(
          entity.toStrict(deadline.toMillis(), materializer),
          read -> read.isSuccess()
              ? mapRequest(request -> request.withEntity(read.get()), inner)
              : complete(refusal(read.failed().get(), deadline))));
    });
  }

  private static HttpResponse refusal(Throwable failure, Duration deadline) {
    if (failure instanceof TimeoutException) {
      return Problems.response(Problem.of(408, "request-timeout", Problems.title(408),
          "the request body did not arrive within " + deadline.toSeconds() + " s"));
    }
    if (failure instanceof EntityStreamSizeException tooBig) {
      return tooLarge(tooBig.limit());
    }
    return Problems.response(Problem.of(400, "invalid-request", Problems.title(400),
        "the request body could not be read in full"));
  }

  private static HttpResponse tooLarge(long limit) {
    return Problems.response(Problem.of(413, "payload-too-large", Problems.title(413),
        "the request body exceeds " + limit + " bytes"));
  }
}
