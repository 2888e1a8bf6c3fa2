package payledger.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettledSetsTest {

  @Test
  void aDaysKeysComeBackInTheOrderTheLedgerTableClustersThem(@TempDir Path dir) {
    List<SettledSets.Key> keys = new ArrayList<>();
    String[] ids = {"psp-a", "psp-B", "psp-\u00e9", "psp-\uD83D\uDE00", "psp-\uFFFD", "psp-a1"};
    for (int i = 0; i < 1_200; i++) {
      keys.add(new SettledSets.Key(i % 2 == 0 ? "2026-11-02" : "2026-11-03", i % 3 == 0 ? "stripe" : "adyen",
          ids[i % ids.length] + (i / 37), "adyen:" + i, i + 2));
    }
    List<SettledSets.Key> shuffled = new ArrayList<>(keys);
    Collections.shuffle(shuffled, new Random(3));
    List<SettledSets.Key> sorted = new ArrayList<>();
    try (RecordSpill<SettledSets.Key> spill = new RecordSpill<>(dir, 250, SettledSets.ORDER, SettledSets.SPILL)) {
      shuffled.forEach(spill::add);
      spill.sorted().forEachRemaining(sorted::add);
    }
    Iterator<SetParts.Group<SettledSets.Day>> groups = SetParts.cut(sorted.iterator(), 100, SettledSets.Key::group,
        k -> k.paymentId() + "\u0000" + k.eventKey(), SettledSets::encode);
    int total = 0;
    List<SettledSets.Day> days = new ArrayList<>();
    while (groups.hasNext()) {
      SetParts.Group<SettledSets.Day> group = groups.next();
      days.add(group.key());
      List<SettledSets.Key> read = new ArrayList<>();
      group.parts().forEach(p -> read.addAll(SettledSets.decode(p.body(), group.key().day(), group.key().gateway())));
      List<SettledSets.Key> expected = keys.stream().filter(k -> k.group().equals(group.key()))
          .sorted(SettledSets.ORDER).toList();
      assertEquals(expected, read);
      for (int i = 1; i < read.size(); i++) {
        SettledJoin.Item a = SettledJoin.Item.settled(read.get(i - 1).paymentId(), read.get(i - 1).eventKey());
        SettledJoin.Item b = SettledJoin.Item.settled(read.get(i).paymentId(), read.get(i).eventKey());
        assertTrue(SettledJoin.ORDER.compare(a, b) <= 0, "in the join's order");
      }
      assertTrue(group.parts().stream().allMatch(p -> p.records() <= 100));
      total += read.size();
    }
    assertEquals(keys.size(), total);
    assertEquals(List.of(new SettledSets.Day("2026-11-02", "adyen"), new SettledSets.Day("2026-11-02", "stripe"),
        new SettledSets.Day("2026-11-03", "adyen"), new SettledSets.Day("2026-11-03", "stripe")), days);
  }
}
