package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /openapi.yaml}: the API contract, public, the same file the tests hold the routes to. */
final class OpenApiRoute {

  private static final ContentType YAML =
      ContentTypes.create(MediaTypes.applicationWithFixedCharset("yaml", HttpCharsets.UTF_8));

  private OpenApiRoute() {}

  static Route route(byte[] document) {
    return path("openapi.yaml", () -> get(() -> complete(HttpEntities.create(YAML, document))));
  }

  /** The document from the classpath: read once, it also gives the metrics their route templates. */
  static byte[] document() {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
