package payledger.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Holds every exchange the test suite makes through {@link ApiClient} to {@code openapi.yaml}: every
 * response of a documented operation must match its status, content type and schema; the request too
 * when the service accepted it (a refused request is meant to break the contract). Requests to
 * undocumented paths or methods (the 404/405 tests) are not checked.
 */
public final class OpenApiContract {

  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForSpecificationUrl(
              OpenApiContract.class.getResource("/openapi.yaml").toString())
          .withLevelResolver(
              LevelResolver.create()
                  .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                  .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
                  .build())
          .build();

  private OpenApiContract() {}

  public static void check(HttpRequest request, byte[] body, ApiClient.Reply reply) {
    String path = request.uri().getRawPath();
    Request.Method method = Request.Method.valueOf(request.method().toUpperCase(Locale.ROOT));
    SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status())
        .withContentType(reply.contentType())
        .withBody(reply.body());
    if (reply.wwwAuthenticate() != null) {
      response.withHeader("WWW-Authenticate", reply.wwwAuthenticate());
    }
    ValidationReport report;
    if (reply.status() >= 200 && reply.status() < 300) {
      SimpleRequest.Builder req = new SimpleRequest.Builder(method, path);
      request.headers().map().forEach(req::withHeader);
      String query = request.uri().getRawQuery();
      if (query != null) {
        for (String pair : query.split("&")) {
          int eq = pair.indexOf('=');
          String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          req.withQueryParam(name, URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      if (body != null) {
        req.withBody(new String(body, StandardCharsets.UTF_8));
      }
      report = VALIDATOR.validate(req.build(), response.build());
    } else {
      report = VALIDATOR.validateResponse(path, method, response.build());
    }
    if (report.hasErrors()) {
      throw new AssertionError(
          "openapi.yaml does not describe " + method + " " + path + " -> " + reply.status() + ": "
              + report.getMessages());
    }
  }
}
