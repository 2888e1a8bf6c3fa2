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
 * @param batches the payout batches of the file, as {@code gateway/batch}
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
    Instant completedAt) {

  public enum Status { STAGING, COMPLETE }

  public ImportRecord {
    Objects.requireNonNull(importId, "importId");
    Objects.requireNonNull(status, "status");
    batches = List.copyOf(batches);
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
        batches, startedAt, at);
  }
}
