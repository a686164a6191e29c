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
    return newCommandLine().execute(args);
  }

  /**
   * Builds the configured picocli command line.
   *
   * @return the command line of {@code dnt}
   */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new DntCommand());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }
}
