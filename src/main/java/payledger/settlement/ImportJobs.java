package payledger.settlement;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The imports a node works on in the background. An upload is received, checked and accepted
 * ({@link #upload}, blocking) and answered at once; its spool is kept as {@code <importId>.csv}
 * in the spool directory, locked while a job stages its lines, completes the import and runs its
 * reconciliation, and deleted when the run is done (or its failure recorded). A job cut by a
 * stop of the node leaves its spool; {@link #resume} (every {@code resume-every}) takes up every
 * spooled import no process holds and finishes it. Every write of a job is an upsert, so a job
 * run again (a resume, a re-upload after a failure) writes the same rows: all or nothing.
 */
public final class ImportJobs {

  private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
  private static final Pattern SPOOLED = Pattern.compile("(stl-[0-9a-f]{32})\\.csv");
  private static final int MAX_REASON = 300;

  /** What an upload became: its import, whether it was imported before, and where it stands. */
  public record Accepted(ImportRecord record, boolean replayed, ImportState state) {}

  private final SettlementImport importer;
  private final SettlementStore store;
  private final SettlementReconciliation reconciliation;
  private final Path spoolDir;
  private final Executor blocking;
  private final BooleanSupplier stopping;
  private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

  public ImportJobs(SettlementImport importer, SettlementStore store, SettlementReconciliation reconciliation,
      Path spoolDir, Executor blocking, BooleanSupplier stopping) {
    this.importer = importer;
    this.store = store;
    this.reconciliation = reconciliation;
    this.spoolDir = spoolDir;
    this.blocking = blocking;
    this.stopping = stopping;
  }

  /**
   * Receives an upload whole and checks every line (a malformed one throws
   * {@link MalformedSettlement}, a batch of another import {@link SettlementImport.BatchConflict}:
   * nothing kept), then answers what it is: an import done before, or one accepted and going on in
   * the background (this file's, or an earlier unfinished one of the same bytes, resumed).
   */
  public Accepted upload(InputStream body, String fileName) {
    SettlementImport.Received received = SettlementImport.receive(body, spoolDir);
    Spool spool = received.spool();
    try {
      String id = ImportRecord.idOf(spool.sha256());
      if (running.containsKey(id)) {
        spool.delete();
        ImportRecord current = SettlementImport.join(store.findImport(id).toCompletableFuture()).orElseThrow();
        return new Accepted(current, false, current.complete() ? ImportState.RECONCILING : ImportState.RECEIVED);
      }
      SettlementImport.Outcome outcome = importer.accept(spool, received.scan(), fileName);
      ImportRecord record = outcome.record();
      if (runFinished(record.importId())) {
        spool.delete();
        return new Accepted(record, outcome.replayed(), ImportState.DONE);
      }
      submit(record, spool);
      return new Accepted(record, outcome.replayed(),
          record.complete() ? ImportState.RECONCILING : ImportState.RECEIVED);
    } catch (RuntimeException e) {
      spool.delete();
      throw e;
    }
  }

  /** Where an import stands, with whether its run finished. */
  public boolean runFinished(String importId) {
    return SettlementImport.join(store.run(importId).toCompletableFuture()).isPresent();
  }

  /** Whether this node works on the import now. */
  public boolean running(String importId) {
    return running.containsKey(importId);
  }

  /** Takes up every spooled import that no process works on (left by a stop in the middle). */
  public void resume() {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(spoolDir, "stl-*.csv")) {
      for (Path file : files) {
        Matcher m = SPOOLED.matcher(file.getFileName().toString());
        if (m.matches() && !running.containsKey(m.group(1))) {
          resume(m.group(1), file);
        }
      }
    } catch (NoSuchFileException e) {
      // nothing spooled yet
    } catch (IOException | RuntimeException e) {
      log.warn("Spooled settlement imports not resumed now: {}", e.toString());
    }
  }

  private void resume(String id, Path file) throws IOException {
    // A spool whose import is unknown here belongs to another keyspace's service: left alone.
    Optional<ImportRecord> found = SettlementImport.join(store.findImport(id).toCompletableFuture());
    if (found.isEmpty()) {
      return;
    }
    if (runFinished(id)) {
      Files.deleteIfExists(file);
      return;
    }
    ImportRecord record = found.get();
    log.info("Resuming settlement import {} ({}) from its spool", id, record.fileName());
    submit(record, new Spool(file, record.sha256(), Files.size(file)));
  }

  /** Starts the import's job unless this node runs one already; the spool is kept by its id. */
  private void submit(ImportRecord record, Spool spool) {
    String id = record.importId();
    CompletableFuture<Void> job = new CompletableFuture<>();
    if (running.putIfAbsent(id, job) != null) {
      spool.delete();
      return;
    }
    try {
      if (record.failure() != null) {
        SettlementImport.join(store.fail(id, null).toCompletableFuture());
      }
      Path kept = spoolDir.resolve(id + ".csv");
      Spool spooled = spool.file().equals(kept) ? spool : spool.moveTo(kept);
      blocking.execute(() -> {
        try {
          work(record, spooled);
        } finally {
          running.remove(id, job);
          job.complete(null);
        }
      });
    } catch (RuntimeException e) {
      running.remove(id, job);
      job.complete(null);
      throw e;
    }
  }

  /** Stages (unless complete), completes and reconciles the import, under the spool's lock. */
  private void work(ImportRecord record, Spool spool) {
    String id = record.importId();
    try (FileChannel channel = FileChannel.open(spool.file(), StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        return;
      }
      ImportRecord complete = record.complete() ? record
          : importer.stage(spool, record, (staged, total) ->
              log.info("Settlement import {}: {} of {} lines staged", id, staged, total)).record();
      if (!runFinished(id)) {
        SettlementImport.join(reconciliation.run(complete, lines -> store.reconciled(id, lines))
            .toCompletableFuture());
      }
      Files.deleteIfExists(spool.file());
      log.info("Settlement import {} ({}) done: {} lines", id, record.fileName(), complete.lines());
    } catch (NoSuchFileException e) {
      // another process finished it and removed the spool
    } catch (IOException | RuntimeException e) {
      failed(id, spool, e);
    }
  }

  private void failed(String id, Spool spool, Exception e) {
    if (stopping.getAsBoolean()) {
      log.info("Settlement import {} stopped with the node; its spool is resumed later", id);
      return;
    }
    log.warn("Settlement import {} failed: {}", id, e.toString());
    try {
      SettlementImport.join(store.fail(id, reason(e)).toCompletableFuture());
      spool.delete();
    } catch (RuntimeException f) {
      log.warn("Settlement import {}: its failure was not recorded ({}); its spool is resumed later", id,
          f.toString());
    }
  }

  private static String reason(Exception e) {
    String reason = e instanceof UncheckedIOException u ? u.getCause().toString() : e.toString();
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
  }

  /** The spool's lock, or null when another process (or job) holds it. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }
}
