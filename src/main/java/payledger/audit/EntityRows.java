package payledger.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;
import payledger.audit.CassandraJournal.RawRow;

/**
 * Groups a journal scan (where one entity's rows come together) into one list of rows per audited
 * entity; rows of anything else in the journal are skipped. One entity is held at a time.
 */
final class EntityRows {

  private EntityRows() {}

  static Source<List<RawRow>, NotUsed> group(Source<RawRow, NotUsed> rows) {
    return rows
        .filter(r -> AuditedEntity.forPersistenceId(r.persistenceId()).isPresent())
        .statefulMap(
            () -> new ArrayList<RawRow>(),
            (current, row) -> {
              if (current.isEmpty() || current.get(0).persistenceId().equals(row.persistenceId())) {
                current.add(row);
                return Pair.create(current, Optional.<List<RawRow>>empty());
              }
              ArrayList<RawRow> next = new ArrayList<>();
              next.add(row);
              return Pair.create(next, Optional.<List<RawRow>>of(current));
            },
            current -> current.isEmpty()
                ? Optional.empty()
                : Optional.of(Optional.<List<RawRow>>of(current)))
        .mapConcat(entity -> entity.map(List::of).orElse(List.of()));
  }
}
