package payledger.settlement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/** {@link SettlementStore} in memory, able to fail its n-th staging write (a crash mid-import). */
final class InMemorySettlementStore implements SettlementStore {

  final Map<String, ImportRecord> imports = new ConcurrentHashMap<>();
  final Map<String, String> batches = new ConcurrentHashMap<>();
  final Map<String, TreeMap<Long, SettlementLine>> lines = new ConcurrentHashMap<>();
  final AtomicInteger stageWrites = new AtomicInteger();
  volatile int failStageWrite = -1;

  @Override
  public CompletionStage<Optional<ImportRecord>> findImport(String importId) {
    return CompletableFuture.completedFuture(Optional.ofNullable(imports.get(importId)));
  }

  @Override
  public CompletionStage<Map<String, String>> batchOwners(Set<String> batchKeys) {
    Map<String, String> owners = new HashMap<>();
    batchKeys.forEach(k -> {
      if (batches.containsKey(k)) {
        owners.put(k, batches.get(k));
      }
    });
    return CompletableFuture.completedFuture(owners);
  }

  @Override
  public CompletionStage<Done> begin(ImportRecord staging) {
    imports.put(staging.importId(), staging);
    return done();
  }

  @Override
  public synchronized CompletionStage<Done> stage(String importId, long firstOrdinal, List<SettlementLine> chunk) {
    if (stageWrites.incrementAndGet() == failStageWrite) {
      return CompletableFuture.failedFuture(new IllegalStateException("node lost"));
    }
    TreeMap<Long, SettlementLine> staged = lines.computeIfAbsent(importId, id -> new TreeMap<>());
    for (int i = 0; i < chunk.size(); i++) {
      staged.put(firstOrdinal + i, chunk.get(i));
    }
    return done();
  }

  @Override
  public CompletionStage<Done> progress(String importId, long staged) {
    imports.computeIfPresent(importId, (id, r) -> new ImportRecord(r.importId(), r.sha256(), r.fileName(),
        r.layout(), r.status(), r.lines(), staged, r.batches(), r.startedAt(), r.completedAt(),
        r.reconciled(), r.failure()));
    return done();
  }

  @Override
  public CompletionStage<Done> reconciled(String importId, long count) {
    imports.computeIfPresent(importId, (id, r) -> new ImportRecord(r.importId(), r.sha256(), r.fileName(),
        r.layout(), r.status(), r.lines(), r.staged(), r.batches(), r.startedAt(), r.completedAt(),
        count, r.failure()));
    return done();
  }

  @Override
  public CompletionStage<Done> fail(String importId, String reason) {
    imports.computeIfPresent(importId, (id, r) -> new ImportRecord(r.importId(), r.sha256(), r.fileName(),
        r.layout(), r.status(), r.lines(), r.staged(), r.batches(), r.startedAt(), r.completedAt(),
        r.reconciled(), reason));
    return done();
  }

  @Override
  public CompletionStage<Done> complete(ImportRecord completed) {
    completed.batches().forEach(b -> batches.put(b, completed.importId()));
    imports.put(completed.importId(), completed);
    return done();
  }

  @Override
  public Source<SettlementLine, NotUsed> lines(ImportRecord imported) {
    return Source.from(new ArrayList<>(lines.getOrDefault(imported.importId(), new TreeMap<>()).values()));
  }

  final Map<String, List<LedgerPayment>> payments = new ConcurrentHashMap<>();
  /** Payment ids looked up by key so far (a read per id in Cassandra). */
  final AtomicInteger keyLookups = new AtomicInteger();
  /** The stored blob parts of the runs' results, by partition then "import/part", as Cassandra keeps them. */
  final Map<OrderLineSets.Key, Map<String, Blob>> orderSets = new ConcurrentHashMap<>();
  final Map<SettledSets.Day, Map<String, Blob>> settledSets = new ConcurrentHashMap<>();

  record Blob(SetParts.Stored stored, byte[] body) {}
  final Map<String, Map<String, Finding>> findings = new ConcurrentHashMap<>();
  final Map<String, String> runs = new ConcurrentHashMap<>();

  @Override
  public synchronized CompletionStage<Done> recordPayments(List<LedgerPayment> recorded) {
    for (LedgerPayment p : recorded) {
      List<LedgerPayment> list = payments.computeIfAbsent(p.gateway() + "/" + p.paymentId(), k -> new ArrayList<>());
      list.removeIf(q -> q.eventKey().equals(p.eventKey()));
      list.add(p);
    }
    return done();
  }

  @Override
  public CompletionStage<List<LedgerPayment>> ledger(String gateway, String paymentId) {
    return CompletableFuture.completedFuture(List.copyOf(payments.getOrDefault(gateway + "/" + paymentId, List.of())));
  }

  @Override
  public CompletionStage<Map<String, List<LedgerPayment>>> ledger(String gateway,
      java.util.Collection<String> paymentIds) {
    keyLookups.addAndGet(paymentIds.size());
    Map<String, List<LedgerPayment>> found = new HashMap<>();
    for (String id : paymentIds) {
      List<LedgerPayment> events = payments.get(gateway + "/" + id);
      if (events != null && !events.isEmpty()) {
        found.put(id, List.copyOf(events));
      }
    }
    return CompletableFuture.completedFuture(found);
  }

  @Override
  public Source<LedgerPayment, NotUsed> unsettledOn(String day, String gateway) {
    Set<String> settled = new java.util.HashSet<>();
    for (Blob b : current(settledSets.get(new SettledSets.Day(day, gateway)))) {
      SettledSets.decode(b.body(), day, gateway).forEach(k -> settled.add(k.paymentId() + "/" + k.eventKey()));
    }
    return paymentsOn(day, gateway).filter(p -> !settled.contains(p.paymentId() + "/" + p.eventKey()));
  }

  /** A partition's parts readers take ({@link SetParts#current}). */
  private static List<Blob> current(Map<String, Blob> partition) {
    if (partition == null) {
      return List.of();
    }
    Map<SetParts.Stored, Blob> byStored = new HashMap<>();
    partition.values().forEach(b -> byStored.put(b.stored(), b));
    return SetParts.current(List.copyOf(byStored.keySet())).stream().map(byStored::get).toList();
  }

  @Override
  public Source<LedgerPayment, NotUsed> paymentsOn(String day, String gateway) {
    return Source.from(payments.values().stream().flatMap(List::stream)
        .filter(p -> p.gateway().equals(gateway) && p.type() == payledger.order.PaymentEventType.SUCCEEDED)
        .filter(p -> CassandraSettlementStore.day(p.journaledAt()).equals(day))
        .sorted(LedgerJoin.LEDGER_ORDER).toList());
  }

  private final Map<String, List<SettlementKpis.Row>> kpis = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Done> saveKpis(String importId, List<SettlementKpis.Row> rows) {
    kpis.put(importId, List.copyOf(rows));
    return done();
  }

  @Override
  public CompletionStage<List<SettlementKpis.Row>> kpis(String day) {
    return CompletableFuture.completedFuture(kpis.values().stream().flatMap(List::stream)
        .filter(r -> r.day().equals(day)).toList());
  }

  @Override
  public CompletionStage<Done> saveOrderLines(String importId, java.time.Instant runAt,
      List<SetParts.Group<OrderLineSets.Key>> groups) {
    groups.forEach(g -> store(orderSets.computeIfAbsent(g.key(), k -> new ConcurrentHashMap<>()), importId, runAt, g));
    return done();
  }

  @Override
  public CompletionStage<Done> saveSettledSets(String importId, java.time.Instant runAt,
      List<SetParts.Group<SettledSets.Day>> groups) {
    groups.forEach(g -> store(settledSets.computeIfAbsent(g.key(), k -> new ConcurrentHashMap<>()), importId, runAt,
        g));
    return done();
  }

  private static void store(Map<String, Blob> partition, String importId, java.time.Instant runAt,
      SetParts.Group<?> group) {
    for (int i = 0; i < group.parts().size(); i++) {
      SetParts.Part p = group.parts().get(i);
      partition.put(importId + "/" + i, new Blob(new SetParts.Stored(importId, i, group.parts().size(), runAt,
          p.first(), p.last()), p.body()));
    }
  }

  @Override
  public CompletionStage<OrderSettlement> orderSettlement(String orderId) {
    int bucket = OrderLineSets.bucket(orderId);
    Map<String, OrderSettlement.Line> lines = new TreeMap<>();
    orderSets.forEach((key, partition) -> {
      if (key.bucket() == bucket) {
        for (Blob b : current(partition)) {
          if (b.stored().covers(orderId)) {
            OrderLineSets.decode(b.body(), bucket, key.month(), b.stored().importId(), orderId)
                .forEach(e -> lines.put(e.line().importId() + "\u0000" + String.format("%019d", e.line().line()),
                    e.line()));
          }
        }
      }
    });
    return CompletableFuture.completedFuture(OrderSettlement.of(orderId, List.copyOf(lines.values())));
  }

  @Override
  public CompletionStage<Boolean> settled(LedgerPayment payment) {
    return CompletableFuture.completedFuture(false);
  }

  @Override
  public CompletionStage<Done> saveFindings(String importId, List<Finding> found) {
    Map<String, Finding> byId = findings.computeIfAbsent(importId, k -> new ConcurrentHashMap<>());
    found.forEach(f -> byId.put(f.findingId(), f));
    return done();
  }

  @Override
  public CompletionStage<Done> saveRun(String importId, String summaryJson) {
    runs.put(importId, summaryJson);
    return done();
  }

  @Override
  public CompletionStage<Optional<String>> run(String importId) {
    return CompletableFuture.completedFuture(Optional.ofNullable(runs.get(importId)));
  }

  @Override
  public Source<Finding, NotUsed> findings(String importId) {
    return Source.from(List.copyOf(findings.getOrDefault(importId, Map.of()).values()));
  }

  /** What a reader sees: lines of complete imports only. */
  long visibleLines() {
    return imports.values().stream().filter(ImportRecord::complete)
        .mapToLong(r -> lines.getOrDefault(r.importId(), new TreeMap<>()).size()).sum();
  }

  private static CompletionStage<Done> done() {
    return CompletableFuture.completedFuture(Done.getInstance());
  }
}
