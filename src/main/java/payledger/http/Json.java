package payledger.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;

/** The one JSON mapper of the HTTP edge: strict on the way in, ISO-8601 instants on the way out. */
final class Json {

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Json() {}

  /** Parses a request body; a syntax error is the caller's to turn into a 400. */
  static JsonNode parse(byte[] body) throws IOException {
    return MAPPER.readTree(body);
  }

  /**
   * Reads an {@code application/json} body: 415 for another media type, 400 for malformed JSON, 422
   * for a card number anywhere in it. The size limit is
   * {@code pekko.http.server.parsing.max-content-length} (413 beyond it).
   */
  static Route body(Function<JsonNode, Route> inner) {
    return body((bytes, node) -> inner.apply(node));
  }

  /** As {@link #body(Function)}, also handing over the raw bytes (for signatures over the body). */
  static Route body(BiFunction<byte[], JsonNode, Route> inner) {
    return rawBytes(bytes -> parsed(bytes, node -> inner.apply(bytes, node)));
  }

  /** The raw bytes of an {@code application/json} body, unparsed (signatures are checked on these). */
  static Route rawBytes(Function<byte[], Route> inner) {
    return extractRequestEntity(
        requestEntity -> {
          if (!requestEntity.getContentType().mediaType().equals(MediaTypes.APPLICATION_JSON)) {
            return complete(
                Problems.response(
                    Problem.of(415, "unsupported-media-type", "Unsupported media type",
                        "send the body as application/json")));
          }
          return entity(Unmarshaller.entityToByteArray(), inner::apply);
        });
  }

  /** Parses bytes already read: 400 for malformed JSON, 422 (nothing stored) for card data. */
  static Route parsed(byte[] bytes, Function<JsonNode, Route> inner) {
    JsonNode node;
    try {
      node = parse(bytes);
    } catch (IOException e) {
      return complete(
          Problems.response(Problem.of(400, "malformed-json", "Malformed JSON", where(e))));
    }
    Optional<String> card = CardData.find(node);
    if (card.isPresent()) {
      return complete(Problems.cardData(card.get()));
    }
    return inner.apply(node);
  }

  /** Where the JSON broke, never what was there: the body may hold anything, a card number included. */
  private static String where(IOException e) {
    JsonLocation at = e instanceof JsonProcessingException json ? json.getLocation() : null;
    return at == null || at.getLineNr() < 1
        ? "the body is not valid JSON"
        : "the body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  static HttpResponse response(int status, Object body) {
    return HttpResponse.create().withStatus(status).withEntity(toEntity(body));
  }

  static HttpEntity.Strict toEntity(Object value) {
    return HttpEntities.create(ContentTypes.APPLICATION_JSON, bytes(value));
  }

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serializable", e);
    }
  }
}
