package payledger.notify;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf's log (java.util.logging by default, several INFO lines per PDF) into the
 * service's SLF4J log under {@code com.openhtmltopdf}: its progress at DEBUG, its warnings (a bad
 * CSS rule, a refused resource) at WARN.
 */
final class PdfRendererLog implements XRLogger {

  private static final Logger LOG = LoggerFactory.getLogger("com.openhtmltopdf");

  @Override
  public void log(String where, Level level, String msg) {
    log(where, level, msg, null);
  }

  @Override
  public void log(String where, Level level, String msg, Throwable th) {
    if (level.intValue() >= Level.SEVERE.intValue()) {
      LOG.error("{}: {}", where, msg, th);
    } else if (level.intValue() >= Level.WARNING.intValue()) {
      LOG.warn("{}: {}", where, msg, th);
    } else {
      LOG.debug("{}: {}", where, msg, th);
    }
  }

  @Override
  public void setLevel(String logger, Level level) {
    // Levels are the SLF4J backend's to set.
  }

  @Override
  public boolean isLogLevelEnabled(Diagnostic diagnostic) {
    return diagnostic.getLevel().intValue() >= Level.WARNING.intValue() || LOG.isDebugEnabled();
  }
}
