package dnt.cli.experiment;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --set key.path=value} option that every experiment command takes: any key of the
 * study's {@code config.yaml}, over the defaults and the {@code --config} file.
 */
final class SetOption {
  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Set any key of the study's config.yaml by its dotted path, the value written as YAML"
              + " (e.g. --set seeds=3, --set study.capacity=40, --set rules=[mean,median]);"
              + " repeatable; overrides --config; a key given twice is refused.")
  List<String> assignments = new ArrayList<>();
}
