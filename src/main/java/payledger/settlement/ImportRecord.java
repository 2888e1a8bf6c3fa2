package payledger.settlement;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One import of one settlement file. Its id follows from the file's SHA-256, so a second upload of
 * the same bytes is the same import. Lines are staged under the id while {@link Status#STAGING};
 * the import becomes {@link Status#COMPLETE} last, and only complete imports are ever read: a
 * restart in the middle leaves an import nobody sees, which the next upload of the file overwrites
 * and completes.
 *
 * <p>An upload is answered as soon as the file is received whole, checked and spooled; staging and
 * the reconciliation run follow in the background ({@link ImportJobs}), and {@link #state} is what a
 * poller sees of it.
 *
 * @param batches the payout batches of the file, as {@code gateway/batch}
 * @param reconciled the lines the reconciliation run has matched so far
 * @param failure why the import's staging or run failed (absent while it goes on or once done)
 */
public record ImportRecord(
    String importId,
    String sha256,
    String fileName,
    String layout,
    Status status,
    long lines,
    long staged,
    List<String> batches,
    Instant startedAt,
    Instant completedAt,
    long reconciled,
    String failure) {

  public enum Status { STAGING, COMPLETE }

  public ImportRecord {
    Objects.requireNonNull(importId, "importId");
    Objects.requireNonNull(status, "status");
    batches = List.copyOf(batches);
  }

  public ImportRecord(String importId, String sha256, String fileName, String layout, Status status,
      long lines, long staged, List<String> batches, Instant startedAt, Instant completedAt) {
    this(importId, sha256, fileName, layout, status, lines, staged, batches, startedAt, completedAt, 0, null);
  }

  /** What a poller sees: received (staging), reconciling (complete, no run yet), done, or failed. */
  public ImportState state(boolean runFinished) {
    if (runFinished) {
      return ImportState.DONE;
    }
    if (failure != null) {
      return ImportState.FAILED;
    }
    return complete() ? ImportState.RECONCILING : ImportState.RECEIVED;
  }

  public static String idOf(String sha256) {
    return "stl-" + sha256.substring(0, 32);
  }

  /** {@code gateway/batch}: the key a batch is known by across imports. */
  public static String batchKey(String gateway, String batch) {
    return gateway + "/" + batch;
  }

  public boolean complete() {
    return status == Status.COMPLETE;
  }

  ImportRecord completed(long stagedLines, Instant at) {
    return new ImportRecord(importId, sha256, fileName, layout, Status.COMPLETE, lines, stagedLines,
        batches, startedAt, at, reconciled, failure);
  }
}
