package payledger.order;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.pattern.StatusReply;

/**
 * How asking an entity fails, in the entity clients' terms ({@link OrderClient},
 * {@code dispute.DisputeClient}): the entity {@link Refused refused} the command, or it did not
 * answer in time and nothing is confirmed ({@link Unavailable}). Any other failure is passed on as
 * it is. The HTTP edge maps these to problems in one place.
 *
 * <p>{@link #cause} is the one unwrapping of a {@link CompletionException} in the service.
 */
public abstract sealed class AskFailure extends RuntimeException {

  private AskFailure(String message) {
    super(message, null, false, false);
  }

  /** The entity answered with a refusal: {@link Rejection#NOT_FOUND} or {@link Rejection#CONFLICT}. */
  public static final class Refused extends AskFailure {
    private final Rejection rejection;
    private final String detail;

    public Refused(Rejection rejection, String detail) {
      super(rejection.message(detail));
      this.rejection = rejection;
      this.detail = detail;
    }

    public Rejection rejection() {
      return rejection;
    }

    /** The reason, for the client: the refusal's message without its kind. */
    public String detail() {
      return detail;
    }
  }

  /** No answer within the ask timeout (journal unreachable, entity restarting): retry later. */
  public static final class Unavailable extends AskFailure {
    public Unavailable(String message) {
      super(message);
    }
  }

  /** What a stage failed with: the cause of a {@link CompletionException}, else the failure itself. */
  public static Throwable cause(Throwable failure) {
    return failure instanceof CompletionException wrapped && wrapped.getCause() != null
        ? wrapped.getCause() : failure;
  }

  /**
   * A stage's failure in these terms: an entity's error reply becomes {@link Refused}, an ask
   * timeout {@link Unavailable}; anything else (null included) is returned unwrapped as it is.
   */
  public static Throwable typed(Throwable failure) {
    Throwable cause = cause(failure);
    if (cause instanceof StatusReply.ErrorMessage error) {
      return new Refused(Rejection.kindOf(error.getMessage()), Rejection.detailOf(error.getMessage()));
    }
    if (cause instanceof TimeoutException timeout) {
      return new Unavailable(timeout.getMessage());
    }
    return cause;
  }

  /** An ask's outcome with its failure {@link #typed}: how every entity client answers. */
  public static <T> CompletionStage<T> typing(CompletionStage<T> asked) {
    return asked.handle((value, failure) -> {
      if (failure != null) {
        throw new CompletionException(typed(failure));
      }
      return value;
    });
  }
}
