package payledger.settlement;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/** The packaged settlements.conf, as the tests' expectations. */
final class SettlementSettingsFixture {

  static final SettlementSettings SETTINGS = SettlementSettings.from(ConfigFactory.load());
  static final FeeExpectations FEES = SETTINGS.fees();
  static final Matching.Deadlines DEADLINES =
      new Matching.Deadlines(Duration.ofHours(24), Duration.ofHours(48));

  private SettlementSettingsFixture() {}
}
