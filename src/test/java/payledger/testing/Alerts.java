package payledger.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the lines of the alert log ({@code payledger.alerts}) while it is open. */
public final class Alerts implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger("payledger.alerts");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public Alerts() {
    appender.start();
    logger.addAppender(appender);
  }

  /** The formatted WARN lines so far that contain every one of {@code parts}. */
  public List<String> warnings(String... parts) {
    synchronized (appender) { // the lock logback appends under
      return appender.list.stream()
          .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
          .map(ILoggingEvent::getFormattedMessage)
          .filter(line -> java.util.Arrays.stream(parts).allMatch(line::contains))
          .toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
