package payledger.notify;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxWriteTest {

  @Test
  void aNewRowInsertsItsValuesAndAddsToItsCollectionsInOneBatchSoNoCollectionTombstoneIsWritten() {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("kind", "RECEIPT");
    columns.put("channels", List.of("EMAIL", "IN_APP"));
    columns.put("fields", Map.of("total", "10.00 EUR"));
    columns.put("failures", List.of("EMAIL attempt 1: refused"));
    columns.put("receipt", null);

    OutboxWrite write = OutboxWrite.insert("ks", "receipt:order", columns);

    assertEquals("BEGIN UNLOGGED BATCH INSERT INTO ks.notifications (notification_id, kind)"
        + " VALUES (?, ?); UPDATE ks.notifications SET channels = channels + ?, fields = fields + ?,"
        + " failures = failures + ? WHERE notification_id = ?; APPLY BATCH", write.cql());
    assertEquals(List.of("receipt:order", "RECEIPT", List.of("EMAIL", "IN_APP"),
        Map.of("total", "10.00 EUR"), List.of("EMAIL attempt 1: refused"), "receipt:order"),
        List.of(write.values()));
  }

  @Test
  void aNewRowWithoutCollectionsIsAPlainInsert() {
    OutboxWrite write = OutboxWrite.insert("ks", "n", Map.of("kind", "RECEIPT"));

    assertEquals("INSERT INTO ks.notifications (notification_id, kind) VALUES (?, ?)", write.cql());
  }

  @Test
  void aStateLeavesOutNullsAndEmptyCollectionsAsTheyWouldWriteTombstones() {
    OutboxWrite write = OutboxWrite.update("ks", "n", OutboxWrite.state(DeliveryState.QUEUED));

    assertEquals("UPDATE ks.notifications SET status = ?, channel_index = ?, channel_attempts = ?,"
        + " attempts = ?, reported = ? WHERE notification_id = ?", write.cql());
  }

  @Test
  void aDeliveredStateWritesItsChannelAndTimeAndAddsItsFailures() {
    Instant at = Instant.parse("2026-12-07T10:00:00Z");
    DeliveryState s = DeliveryState.QUEUED.failedOn(Channel.EMAIL, "refused", true, false)
        .delivered(Channel.IN_APP, at);

    OutboxWrite write = OutboxWrite.update("ks", "n", OutboxWrite.state(s));

    assertTrue(write.cql().contains("failures = failures + ?"), write.cql());
    assertFalse(write.cql().contains("failures = ?"), write.cql());
    assertTrue(write.cql().contains("delivered_channel = ?, delivered_at = ?"), write.cql());
    assertTrue(List.of(write.values()).contains(List.of("EMAIL attempt 1: refused")));
  }

  @Test
  void aListWrittenTwiceByAppendsReadsAsWrittenOnce() {
    List<String> appendedTwice = List.of("EMAIL", "IN_APP", "EMAIL", "IN_APP");
    assertEquals(List.of("EMAIL", "IN_APP"), OutboxWrite.distinct(appendedTwice));
    assertEquals(List.of("EMAIL attempt 1: x", "EMAIL attempt 2: x"),
        OutboxWrite.distinct(List.of("EMAIL attempt 1: x", "EMAIL attempt 1: x", "EMAIL attempt 2: x")));
    assertEquals(List.of(), OutboxWrite.distinct(null));
  }
}
