package dnt.learn.fl;

import dnt.core.Registry;
import java.util.function.Function;

/**
 * The personalisation strategies by lowercase hyphenated name: a table on {@link Registry}, matched
 * without regard to letter case.
 *
 * <pre>{@code
 * Personalisation p = Personalisations.REGISTRY.factory("fine-tune").apply(new Options(1));
 * }</pre>
 */
public final class Personalisations {
  private Personalisations() {}

  /**
   * What a strategy may be configured with.
   *
   * @param epochs local epochs of {@code fine-tune}, at least 1
   */
  public record Options(int epochs) {
    /** Checks the values. */
    public Options {
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
      }
    }
  }

  /** The table, in the order help texts list it. */
  public static final Registry<Function<Options, Personalisation>> REGISTRY =
      Registry.<Function<Options, Personalisation>>of("personalisation")
          .add(
              "none",
              "each station keeps the model the synchronous phase left it",
              o -> new KeepTwin())
          .add(
              "fine-tune",
              "each station trains its twin for epochs local epochs on its own data (Wang et al."
                  + " 2019)",
              o -> new FineTune(o.epochs()))
          .build();
}
