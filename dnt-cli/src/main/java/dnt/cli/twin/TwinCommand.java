package dnt.cli.twin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dnt twin}: build a network twin, compute SINR, run what-if analyses. */
@Command(
    name = "twin",
    mixinStandardHelpOptions = true,
    description = "Build a network twin, compute link budgets and SINR, run what-if analyses.",
    subcommands = {
      SinrCommand.class,
      BuildCommand.class,
      WhatIfCommand.class,
      QualityCommand.class
    })
public final class TwinCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing a twin command; see dnt twin --help.");
  }
}
