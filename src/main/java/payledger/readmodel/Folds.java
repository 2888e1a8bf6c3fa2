package payledger.readmodel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The folds one projection instance worked on last, so a busy order is not read back from Cassandra
 * for every event. Safe because one instance alone handles a tag, and a tag holds all events of an
 * entity; a new instance (restart, rebuild) starts empty. Synchronized: a group's entities complete
 * on different threads.
 */
final class Folds<S> {

  private final Map<String, ReadModelStore.Stored<S>> recent;

  Folds(int capacity) {
    this.recent = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ReadModelStore.Stored<S>> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized ReadModelStore.Stored<S> get(String id) {
    return recent.get(id);
  }

  synchronized void put(String id, ReadModelStore.Stored<S> fold) {
    recent.put(id, fold);
  }

  synchronized void clear() {
    recent.clear();
  }
}
