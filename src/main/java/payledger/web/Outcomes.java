package payledger.web;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import payledger.order.AskFailure;
import payledger.order.Rejection;
import payledger.readmodel.PageToken;

/**
 * How the pages answer what the domain did: a page when it worked; a page with the status an API
 * client would get when it did not (404 unknown, 409 refused, 400 a page token of another list, 503
 * not confirmed); after a form, a redirect back with a message saying what happened
 * (post/redirect/get).
 */
public final class Outcomes {

  private Outcomes() {}

  /** The status of a failure, as the API maps it. */
  public static int status(Throwable failure) {
    Throwable cause = AskFailure.cause(failure);
    if (cause instanceof AskFailure.Refused refused) {
      return refused.rejection() == Rejection.NOT_FOUND ? 404 : 409;
    }
    if (cause instanceof PageToken.Invalid) {
      return 400;
    }
    return 503;
  }

  /** The failure's reason for people: the entity's own words for a refusal. */
  public static String reason(Throwable failure) {
    Throwable cause = AskFailure.cause(failure);
    if (cause instanceof AskFailure.Refused refused) {
      return refused.detail();
    }
    return null;
  }

  /** A page when {@code rendered} completes, else the error page of its failure. */
  public static Route page(CompletionStage<String> rendered, Function<Throwable, String> errorPage) {
    return completeWithFuture(rendered.handle((html, failure) -> failure == null
        ? Html.page(200, html)
        : Html.page(status(failure), errorPage.apply(failure))));
  }

  /**
   * After a form: back to {@code back} with {@code success} as the message, or with the refusal's
   * reason (and {@code unavailable} when nothing answered in time).
   */
  public static Route redirect(Sessions sessions, Sessions.Session session, CompletionStage<?> done,
      String success, String refusedPrefix, String unavailable, String back) {
    CompletionStage<HttpResponse> answer = done.handle((value, failure) -> {
      if (failure == null) {
        sessions.flash(session, success);
      } else {
        String reason = reason(failure);
        sessions.flash(session, reason == null ? unavailable : refusedPrefix + " " + reason);
      }
      return Html.seeOther(back);
    });
    return completeWithFuture(answer);
  }
}
