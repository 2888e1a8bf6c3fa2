package payledger.http;

import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ParserSettings;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests the HTTP parser refused before any route saw them (414, 431, 400 for a broken
 * request line or header, 501 for an unknown method) as problems like every other refusal. Named in
 * {@code pekko.http.server.parsing.error-handler}; Pekko's own texts name its limits by config key
 * and can echo what the client sent, so the detail is ours and the parser's words go to the log.
 */
public final class ParsingErrors extends ParsingErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ParsingErrors.class);

  @Override
  public HttpResponse handle(
      StatusCode status, ErrorInfo info, LoggingAdapter ignored, ServerSettings settings) {
    int code = status.intValue();
    // The summary can hold the client's bytes: no control characters into the log.
    log.info("Unparsable request answered {}: {}", code, info.summary().replaceAll("\\p{Cntrl}", "?"));
    return Problems.response(Problem.of(code, Problems.slug(code), Problems.title(code),
        detail(code, settings.parserSettings())));
  }

  private static String detail(int status, ParserSettings limits) {
    return switch (status) {
      case 414 -> "the request target is longer than " + limits.maxUriLength() + " characters";
      case 431 -> "the request headers are too large: at most " + limits.maxHeaderCount()
          + " headers of " + limits.maxHeaderValueLength() + " characters each";
      case 501 -> "the request method is not supported";
      case 505 -> "only HTTP/1.1 and HTTP/1.0 are supported";
      default -> "the request is not well-formed HTTP: check the request line and every header";
    };
  }
}
