package payledger.chain;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Type name to class for the events of a sealed event interface ({@code OrderEvent},
 * {@code DisputeEvent}): found from the permitted subclasses, so a new event type needs no
 * registration anywhere.
 */
public final class EventTypes {

  private static final Map<Class<?>, Map<String, Class<?>>> BY_INTERFACE = new ConcurrentHashMap<>();

  private EventTypes() {}

  @SuppressWarnings("unchecked")
  public static <E> Class<? extends E> classOf(Class<E> sealedType, String typeName) {
    Class<?> found = BY_INTERFACE.computeIfAbsent(sealedType, EventTypes::index).get(typeName);
    if (found == null) {
      throw new IllegalArgumentException(
          "no " + sealedType.getSimpleName() + " named " + typeName);
    }
    return (Class<? extends E>) found;
  }

  private static Map<String, Class<?>> index(Class<?> sealedType) {
    if (!sealedType.isSealed()) {
      throw new IllegalArgumentException(sealedType + " is not a sealed event interface");
    }
    return Arrays.stream(sealedType.getPermittedSubclasses())
        .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));
  }
}
