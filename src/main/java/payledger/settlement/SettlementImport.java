package payledger.settlement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one settlement file all or nothing, blocking (run it off the request threads); an upload
 * is {@link #receive}d (spooled and checked in one pass), {@link #accept}ed, then {@link #stage}d
 * in the background ({@link ImportJobs}):
 * <ol>
 *   <li>a file whose import completed before answers that import (same SHA-256, same id);
 *   <li>every line is read and checked first: a malformed one throws {@link MalformedSettlement}
 *       and nothing is written;
 *   <li>batches some other import completed: when the file's batches are exactly one earlier
 *       import's, that import is the answer (the gateway's batch re-exported); any other overlap
 *       is a {@link BatchConflict};
 *   <li>the lines are staged under the import's id, a chunk of {@link SettlementStore#PART} per
 *       write, with progress;
 *   <li>the import is marked complete — the last write, so a crash before it leaves nothing
 *       visible, and the next upload of the file stages over it.
 * </ol>
 */
public final class SettlementImport {

  private static final Logger log = LoggerFactory.getLogger(SettlementImport.class);
  /** Lines staged together: one chunk, one row. */
  private static final int CHUNK = SettlementStore.PART;

  /** The import, and whether it was done before (a re-import changes nothing). */
  public record Outcome(ImportRecord record, boolean replayed) {}

  /** Lines staged so far, of the total. */
  public interface Progress {
    void staged(long staged, long total);
  }

  /** The file's batches were imported, in part, by other imports. */
  public static final class BatchConflict extends RuntimeException {
    private final Map<String, String> owners;

    BatchConflict(Map<String, String> owners) {
      super("batches already imported by another file: " + owners);
      this.owners = Map.copyOf(owners);
    }

    public Map<String, String> owners() {
      return owners;
    }
  }

  private final SettlementStore store;
  private final Clock clock;
  private final int writesInFlight;

  public SettlementImport(SettlementStore store, Clock clock, int writesInFlight) {
    this.store = store;
    this.clock = clock;
    this.writesInFlight = writesInFlight;
  }

  /** A file received whole and checked: its spool and what the check found. */
  public record Received(Spool spool, Scan scan) {}

  /** Imports a file already on disk in one call: checked, accepted, staged and completed. */
  public Outcome importFile(Spool spool, String fileName, Progress progress) {
    Outcome accepted = accept(spool, scan(spool), fileName);
    return accepted.record().complete() ? accepted : stage(spool, accepted.record(), progress);
  }

  /**
   * Receives an upload in one pass: every byte is spooled, hashed and parsed as it arrives, so the
   * upload is answered as soon as its last byte is in. A malformed line throws
   * {@link MalformedSettlement} (the rest of the body is read and dropped, nothing is kept).
   */
  public static Received receive(InputStream body, Path dir) {
    Spool.Writer writer = Spool.writer(dir);
    try (InputStream in = writer.tee(body)) {
      Scan scan = null;
      MalformedSettlement malformed = null;
      try {
        // Not closed here: closing it would close the body before the rest is drained.
        scan = scan(SettlementReader.open(new BufferedReader(
            new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)))));
      } catch (MalformedSettlement e) {
        malformed = e;
      }
      in.transferTo(OutputStream.nullOutputStream());
      if (malformed != null) {
        throw malformed;
      }
      return new Received(writer.finish(), scan);
    } catch (IOException e) {
      writer.abandon();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      writer.abandon();
      throw e;
    }
  }

  /**
   * The import a checked file is: an earlier complete import of the same bytes or of exactly its
   * batches ({@code replayed}), or this file's import, begun (written as staging, over an
   * abandoned staging of the same file) — to be staged with {@link #stage}.
   */
  public Outcome accept(Spool spool, Scan scan, String fileName) {
    String id = ImportRecord.idOf(spool.sha256());
    Optional<ImportRecord> earlier = join(store.findImport(id).toCompletableFuture());
    if (earlier.filter(ImportRecord::complete).isPresent()) {
      return new Outcome(earlier.get(), true);
    }
    Map<String, String> owners = join(store.batchOwners(scan.batches()).toCompletableFuture());
    if (!owners.isEmpty()) {
      Set<String> ids = new HashSet<>(owners.values());
      if (owners.keySet().equals(scan.batches()) && ids.size() == 1) {
        Optional<ImportRecord> original =
            join(store.findImport(ids.iterator().next()).toCompletableFuture());
        if (original.filter(ImportRecord::complete).filter(o -> Set.copyOf(o.batches()).equals(scan.batches()))
            .isPresent()) {
          return new Outcome(original.get(), true);
        }
      }
      throw new BatchConflict(owners);
    }
    ImportRecord staging = new ImportRecord(id, spool.sha256(), fileName, scan.layout(),
        ImportRecord.Status.STAGING, scan.lines(), 0, List.copyOf(scan.batches()), now(), null);
    join(store.begin(staging).toCompletableFuture());
    return new Outcome(staging, false);
  }

  /** Stages an accepted import's lines from its spool, then marks it complete (the last write). */
  public Outcome stage(Spool spool, ImportRecord staging, Progress progress) {
    long staged = stage(spool, staging.importId(), staging.lines(), progress);
    ImportRecord done = staging.completed(staged, now());
    join(store.complete(done).toCompletableFuture());
    log.info("Settlement file {} imported as {}: {} lines, batches {}", staging.fileName(),
        staging.importId(), staged, staging.batches());
    return new Outcome(done, false);
  }

  /** Cassandra keeps milliseconds: the first answer shows what a re-import will read back. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** What checking every line of a file found: its layout, its lines, its batches. */
  public record Scan(String layout, long lines, Set<String> batches) {}

  /** The first pass: every line checked, nothing kept but the batches and the count. */
  static Scan scan(Spool spool) {
    try (SettlementReader reader = SettlementReader.open(open(spool))) {
      return scan(reader);
    }
  }

  private static Scan scan(SettlementReader reader) {
    Set<String> batches = new LinkedHashSet<>();
    long lines = 0;
    while (reader.hasNext()) {
      SettlementLine line = reader.next();
      batches.add(ImportRecord.batchKey(line.gateway(), line.batch()));
      lines++;
    }
    return new Scan(reader.layout(), lines, batches);
  }

  /** The second pass: lines in chunks of one partition each, a bounded number in flight (and in memory). */
  private long stage(Spool spool, String id, long total, Progress progress) {
    Semaphore inFlight = new Semaphore(writesInFlight);
    List<CompletableFuture<?>> pending = new ArrayList<>();
    CompletableFuture<?>[] failure = new CompletableFuture<?>[1];
    long ordinal = 0;
    long reported = 0;
    try (SettlementReader reader = SettlementReader.open(open(spool))) {
      List<SettlementLine> chunk = new ArrayList<>(CHUNK);
      while (reader.hasNext()) {
        chunk.add(reader.next());
        if (chunk.size() == CHUNK || !reader.hasNext()) {
          long first = ordinal;
          ordinal += chunk.size();
          acquire(inFlight);
          CompletableFuture<?> write = store.stage(id, first, chunk).toCompletableFuture();
          write.whenComplete((done, e) -> {
            inFlight.release();
            if (e != null) {
              failure[0] = write;
            }
          });
          pending.add(write);
          chunk = new ArrayList<>(CHUNK);
          if (failure[0] != null) {
            join(failure[0]);
          }
          if (ordinal - reported >= SettlementStore.PART || ordinal == total) {
            pending.removeIf(f -> f.isDone() && !f.isCompletedExceptionally());
            join(CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)));
            pending.clear();
            reported = ordinal;
            join(store.progress(id, ordinal).toCompletableFuture());
            progress.staged(ordinal, total);
          }
        }
      }
    }
    join(CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)));
    if (ordinal != total) {
      throw new IllegalStateException("the file changed while it was imported");
    }
    return ordinal;
  }

  private static Reader open(Spool spool) {
    try {
      return Files.newBufferedReader(spool.file(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void acquire(Semaphore semaphore) {
    try {
      semaphore.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while staging", e);
    }
  }

  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
