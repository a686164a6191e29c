package dnt.cli;

import picocli.CommandLine;

/** Entry point of the {@code dnt} command. */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits with its status.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line without exiting (for tests).
   *
   * @param args the arguments
   * @return the exit status: 0 ok, 1 failure, 2 bad usage or input
   */
  public static int run(String... args) {
    return newCommandLine(args.length > 0 ? args[0] : "").execute(args);
  }

  /**
   * Builds the configured picocli command line with every command group.
   *
   * @return the command line of {@code dnt}
   */
  public static CommandLine newCommandLine() {
    return newCommandLine("");
  }

  /**
   * Builds the command line for a run whose first argument is {@code first}: only that command
   * group when it names one (a group's model, options and classes cost start-up time), every group
   * otherwise (for {@code --help}, {@code --version} and the error that lists the commands).
   *
   * @param first the first argument, or the empty string
   * @return the command line of {@code dnt}
   */
  static CommandLine newCommandLine(String first) {
    CommandLine cl = new CommandLine(new DntCommand());
    Class<?> only = DntCommand.GROUPS.get(first);
    if (only != null) {
      cl.addSubcommand(only);
    } else {
      DntCommand.GROUPS.values().forEach(cl::addSubcommand);
    }
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }
}
