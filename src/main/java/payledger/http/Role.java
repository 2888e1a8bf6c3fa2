package payledger.http;

/** What an API key may do; {@link #ADMIN} may call every keyed route. */
public enum Role {
  GATEWAY,
  SUPPORT,
  AUDITOR,
  /** Imports the gateways' settlement files and reads their reconciliation. */
  FINANCE,
  ADMIN
}
