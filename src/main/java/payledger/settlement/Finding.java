package payledger.settlement;

import java.time.Instant;
import payledger.money.Money;

/**
 * One thing a reconciliation found wrong, with its deadlines: someone must look at it (notice)
 * within {@code noticeBy} and resolve it within {@code resolveBy}.
 *
 * @param findingId stable: the same fact found again (a re-run) is the same finding
 * @param line the settlement line (0 for a payment that has none)
 * @param expected what the ledger (or the payout) says; {@code actual} what the file says
 */
public record Finding(String findingId, FindingType type, String gateway, String batch, long line,
    String paymentId, String orderId, String method, Money expected, Money actual, String detail,
    Instant detectedAt, Instant noticeBy, Instant resolveBy) {}
