package payledger.dispute;

import java.util.EnumSet;
import java.util.Set;

/**
 * The case lifecycle, as plain rules: {@code OPEN → ACKNOWLEDGED → INVESTIGATING ⇄
 * AWAITING_CUSTOMER → RESOLVED → CLOSED}. The first note after acknowledging starts the
 * investigation. Escalation is a level beside the state, 0 to 2.
 */
public final class Lifecycle {

  public enum State {
    OPEN,
    ACKNOWLEDGED,
    INVESTIGATING,
    AWAITING_CUSTOMER,
    RESOLVED,
    CLOSED;

    public boolean isActive() {
      return this != RESOLVED && this != CLOSED;
    }
  }

  /** What support (or the customer, through support) can do to a case. */
  public enum Action {
    ACKNOWLEDGE,
    NOTE,
    REQUEST_INFO,
    CUSTOMER_REPLY,
    ESCALATE,
    RESOLVE,
    CLOSE,
    FEEDBACK
  }

  public static final int MAX_ESCALATION = 2;

  private Lifecycle() {}

  public static Set<Action> allowed(State state, int escalation, boolean feedbackGiven) {
    Set<Action> allowed = switch (state) {
      case OPEN -> EnumSet.of(Action.ACKNOWLEDGE, Action.NOTE, Action.ESCALATE);
      case ACKNOWLEDGED, INVESTIGATING ->
          EnumSet.of(Action.NOTE, Action.REQUEST_INFO, Action.ESCALATE, Action.RESOLVE);
      case AWAITING_CUSTOMER ->
          EnumSet.of(Action.NOTE, Action.CUSTOMER_REPLY, Action.ESCALATE, Action.RESOLVE);
      case RESOLVED -> EnumSet.of(Action.NOTE, Action.CLOSE, Action.FEEDBACK);
      case CLOSED -> EnumSet.of(Action.FEEDBACK);
    };
    if (escalation >= MAX_ESCALATION) {
      allowed.remove(Action.ESCALATE);
    }
    if (feedbackGiven) {
      allowed.remove(Action.FEEDBACK);
    }
    return allowed;
  }

  /** The state after an allowed action. */
  public static State next(State state, Action action) {
    return switch (action) {
      case ACKNOWLEDGE -> State.ACKNOWLEDGED;
      case NOTE -> state == State.ACKNOWLEDGED ? State.INVESTIGATING : state;
      case REQUEST_INFO -> State.AWAITING_CUSTOMER;
      case CUSTOMER_REPLY -> State.INVESTIGATING;
      case RESOLVE -> State.RESOLVED;
      case CLOSE -> State.CLOSED;
      case ESCALATE, FEEDBACK -> state;
    };
  }
}
