package dnt.cli.twin;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --out} and {@code --overwrite} of {@code dnt twin build} and {@code dnt twin whatif}. */
final class StateOutputOptions {
  @Option(
      names = "--out",
      description =
          "Write every station's and user's state: FILE.csv (stations) plus FILE.users.csv"
              + " (users), or FILE.geojson (WGS84 points); whatif writes old_ and new_ values and"
              + " 'changed'. An existing file is refused unless --overwrite.")
  @Nullable Path out;

  @Option(names = "--overwrite", description = "Replace existing --out (and --save) files.")
  boolean overwrite;

  /**
   * The checked target, before any work is done.
   *
   * @return the target, or null without {@code --out}
   */
  @Nullable OutputTarget target() {
    return out == null ? null : OutputTarget.of("--out", out, overwrite);
  }
}
