package payledger.sla;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Settings of the durable deadlines, from {@code payledger.deadlines}.
 *
 * @param lead how long before its time a wake-up is written at the latest: the scheduler reads each
 *     slice of time once, so one due sooner fires this long after it was written
 * @param scheduler how often the scheduler polls, how many wake-ups it delivers at once, and how
 *     far back a scheduler with no saved watermark starts
 * @param paymentGraceInterval how often the orders still awaiting payment are looked at
 *     ({@link PaymentGraceScan})
 */
public record DeadlineSettings(Duration lead, DeadlineScheduler.Settings scheduler,
    Duration paymentGraceInterval) {

  public static DeadlineSettings from(Config config) {
    Config c = config.getConfig("payledger.deadlines");
    return new DeadlineSettings(c.getDuration("lead"), new DeadlineScheduler.Settings(
        c.getDuration("poll-interval"), c.getInt("parallelism"), c.getDuration("start")),
        c.getDuration("payment-grace-interval"));
  }
}
