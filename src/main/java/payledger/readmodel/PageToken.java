package payledger.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

/**
 * An opaque, stable page token: the segment (partition) and clustering key of the last row of the
 * page, base64url-encoded. The next page starts strictly after that row, so rows written meanwhile
 * elsewhere never shift a page.
 *
 * @param at null for a listing clustered by id alone
 */
public record PageToken(String segment, Instant at, String id) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A page token that does not decode, or names a segment the query does not have. */
  public static final class Invalid extends IllegalArgumentException {
    public Invalid(String message) {
      super(message);
    }
  }

  private record Wire(String s, String t, String i) {}

  public String encode() {
    try {
      byte[] json = JSON.writeValueAsBytes(new Wire(segment, at == null ? null : at.toString(), id));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static PageToken decode(String token) {
    try {
      Wire w = JSON.readValue(Base64.getUrlDecoder().decode(token), Wire.class);
      if (w.s() == null || w.i() == null) {
        throw new Invalid("pageToken is not a token this API issued");
      }
      return new PageToken(w.s(), w.t() == null ? null : Instant.parse(w.t()), w.i());
    } catch (IOException | RuntimeException e) {
      if (e instanceof Invalid invalid) {
        throw invalid;
      }
      throw new Invalid("pageToken is not a token this API issued");
    }
  }

}
