package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import payledger.json.JsonFields;
import payledger.metrics.LedgerMetrics;
import payledger.order.AskFailure;
import payledger.order.Rejection;

/**
 * The one writer of {@code application/problem+json}: for rejections, exceptions and entity replies
 * alike, so every error a client sees has the same shape.
 */
final class Problems {

  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  static final ContentType PROBLEM_JSON =
      ContentTypes.create(MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8));

  private Problems() {}

  static HttpResponse response(Problem problem) {
    return HttpResponse.create()
        .withStatus(problem.status())
        .withEntity(HttpEntities.create(PROBLEM_JSON, Json.bytes(problem)));
  }

  /** A gateway signature that does not verify: 400, nothing read beyond it, nothing stored. */
  static HttpResponse invalidSignature(String detail) {
    return response(Problem.of(400, "invalid-signature", "Invalid signature", detail));
  }

  /** A card number in the request ({@code field}: where): 422, nothing stored, the number not echoed. */
  static HttpResponse cardData(String field) {
    return response(new Problem("urn:payledger:problem:card-data", "Card data refused", 422,
        "payledger never stores card numbers; send a token or a masked number", null,
        List.of(new Problem.FieldError(field, "looks like a card number"))));
  }

  /** Bad fields of a request or of a gateway's message: 400, naming every field. */
  static Problem invalid(List<JsonFields.FieldError> errors) {
    return Problem.invalid(fieldErrors(errors));
  }

  static List<Problem.FieldError> fieldErrors(List<JsonFields.FieldError> errors) {
    return errors.stream().map(e -> new Problem.FieldError(e.field(), e.message())).toList();
  }

  static HttpResponse unavailable() {
    return response(
            Problem.of(
                503,
                "unavailable",
                "Service unavailable",
                "the ledger could not confirm the write in time; nothing is acknowledged, retry later"))
        .addHeader(RetryAfter.create(5L));
  }

  /**
   * Maps an entity's reply — from its client or a workflow over clients — to the HTTP answer, the
   * one place where their failures become problems: success through {@code onSuccess}, a refusal
   * ({@link AskFailure.Refused}) to 404 or 409, no answer in time ({@link AskFailure.Unavailable}:
   * journal unreachable, entity restarting) to 503, anything else to 500.
   */
  static <T> CompletionStage<HttpResponse> reply(
      CompletionStage<T> asked, Function<T, HttpResponse> onSuccess) {
    return reply(asked, onSuccess, Map.of());
  }

  /**
   * As {@link #reply(CompletionStage, Function)}, with correlation ids (gateway event id, order id)
   * in the logging MDC while the answer is made, wherever the reply arrives.
   */
  static <T> CompletionStage<HttpResponse> reply(
      CompletionStage<T> asked, Function<T, HttpResponse> onSuccess, Map<String, String> mdc) {
    return asked.handle((value, failure) -> {
      mdc.forEach(MDC::put);
      try {
        return answer(value, failure, onSuccess);
      } finally {
        mdc.keySet().forEach(MDC::remove);
      }
    });
  }

  private static <T> HttpResponse answer(
      T value, Throwable failure, Function<T, HttpResponse> onSuccess) {
    if (failure == null) {
      return onSuccess.apply(value);
    }
    Throwable cause = AskFailure.typed(failure);
    if (cause instanceof AskFailure.Refused refused) {
      return refused.rejection() == Rejection.NOT_FOUND
          ? response(Problem.of(404, "not-found", title(404), refused.detail()))
          : response(Problem.of(409, "conflict", title(409), refused.detail()));
    }
    if (cause instanceof AskFailure.Unavailable) {
      log.warn("Ledger did not answer in time: {}", cause.getMessage());
      LedgerMetrics.askTimeout();
      return unavailable();
    }
    log.error("Unexpected failure answering a request", cause);
    return response(Problem.of(500, "internal", "Internal error", "see the service log"));
  }

  /** Pekko's default rejection answers, re-dressed as problems (404, 405, 413, 415, …). */
  static RejectionHandler rejectionHandler() {
    return RejectionHandler.defaultHandler()
        .mapRejectionResponse(
            response -> {
              if (PROBLEM_JSON.equals(response.entity().getContentType())) {
                return response;
              }
              int status = response.status().intValue();
              // Pekko's 413 text names its config keys; the route's own limit is no client's business.
              String detail = status == 413
                  ? "the request body is larger than this API accepts"
                  : response.entity() instanceof HttpEntity.Strict strict
                      ? strict.getData().decodeString(StandardCharsets.UTF_8)
                      : response.status().reason();
              return response(Problem.of(status, slug(status), title(status), detail))
                  .addHeaders(response.getHeaders());
            });
  }

  static ExceptionHandler exceptionHandler() {
    return ExceptionHandler.newBuilder()
        .match(
            JsonFields.Invalid.class,
            invalid -> complete(response(invalid(invalid.errors()))))
        .match(
            EntityStreamSizeException.class,
            tooBig -> complete(
                response(Problem.of(413, "payload-too-large", title(413),
                    "the request body exceeds " + tooBig.limit() + " bytes"))))
        .matchAny(
            unexpected -> {
              log.error("Unhandled exception in a route", unexpected);
              return complete(
                  response(Problem.of(500, "internal", "Internal error", "see the service log")));
            })
        .build();
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Invalid request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 409 -> "Conflict";
      case 408 -> "Request timeout";
      case 413 -> "Payload too large";
      case 414 -> "URI too long";
      case 415 -> "Unsupported media type";
      case 422 -> "Unprocessable content";
      case 429 -> "Too many requests";
      case 431 -> "Request header fields too large";
      case 501 -> "Not implemented";
      case 503 -> "Service unavailable";
      case 505 -> "HTTP version not supported";
      default -> "HTTP " + status;
    };
  }

  static String slug(int status) {
    return title(status).toLowerCase().replace(' ', '-');
  }
}
