package dnt.cli.aggregate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dnt aggregate}: apply a robust aggregation rule to client updates in a CSV file. */
@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    description = "Aggregate federated client updates with a (robust) aggregation rule.")
public final class AggregateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "dnt aggregate is not available yet.");
  }
}
