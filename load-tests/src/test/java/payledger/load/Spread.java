package payledger.load;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A figure over the repetitions of a phase: min / median / max. */
record Spread(double min, double median, double max) {

  static <T> Spread of(List<T> runs, ToDoubleFunction<T> figure) {
    double[] v = runs.stream().mapToDouble(figure).sorted().toArray();
    double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    return new Spread(v[0], median, v[v.length - 1]);
  }

  /** "min / median / max" in {@code format} (e.g. "%.2f"), or the one value of a single run. */
  String format(String format) {
    String med = String.format(Locale.ROOT, format, median);
    return min == max ? med : String.format(Locale.ROOT, format + " / **%s** / " + format, min, med, max);
  }
}
