package payledger.json;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnumNamesTest {

  enum Channel { EMAIL, IN_APP }

  @Test
  void theCanonicalNameAndEarlierClientsFormsAreOneValue() {
    assertEquals(Optional.of(Channel.IN_APP), EnumNames.parse(Channel.class, "IN_APP"));
    assertEquals(Optional.of(Channel.IN_APP), EnumNames.parse(Channel.class, "in_app"));
    assertEquals(Optional.of(Channel.IN_APP), EnumNames.parse(Channel.class, "in-app"));
    assertEquals(Optional.of(Channel.EMAIL), EnumNames.parse(Channel.class, " Email "));
  }

  @Test
  void anythingElseIsNoValue() {
    assertEquals(Optional.empty(), EnumNames.parse(Channel.class, "sms"));
    assertEquals(Optional.empty(), EnumNames.parse(Channel.class, ""));
    assertEquals(Optional.empty(), EnumNames.parse(Channel.class, null));
  }
}
